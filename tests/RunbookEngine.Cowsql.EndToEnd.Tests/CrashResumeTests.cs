using System.Diagnostics;
using RunbookEngine.Cowsql.EndToEnd.Tests.Support;

namespace RunbookEngine.Cowsql.EndToEnd.Tests;

/// <summary>The engine is SIGKILLed in the middle of B.2 and `runbook resume` finishes the restore.</summary>
public sealed class CrashResumeTests(LaggingClusterFixture fixture) : IClassFixture<LaggingClusterFixture>
{
    [Fact]
    public void B2_killed_while_replacing_data_resumes_to_a_whole_cluster()
    {
        using var cluster = DqliteCluster.CopyOf(fixture.Template, Scratch.New("kill"));
        var state = Path.Combine(cluster.Root, "state");
        var parameters = Params.Write(cluster, cluster.Nodes, LaggingClusterFixture.Keys.ToString(System.Globalization.CultureInfo.InvariantCulture));

        using (var engine = RunbookProcess.Start(cluster.Root, ["run", "cowsql/restore-new-config", "--catalog", Repository.Catalog, "--params", parameters, "--yes", "--state-dir", state]))
        {
            var journal = WaitForJournal(state);
            SpinWait.SpinUntil(() => Contains(journal, "\"step\":\"replace\"") || engine.HasExited, TimeSpan.FromMinutes(2)).ShouldBeTrue();
            engine.HasExited.ShouldBeFalse("the run ended before it could be killed");
            Process.GetProcessById(engine.Id).Kill();
            engine.WaitForExit();
            engine.ExitCode.ShouldBe(137);
        }

        Contains(Directory.EnumerateFiles(state, "journal.jsonl", SearchOption.AllDirectories).Single(), "RunSucceeded").ShouldBeFalse();
        var runId = Path.GetFileName(Directory.EnumerateDirectories(Path.Combine(state, "runs")).Single(d => !Path.GetFileName(d).StartsWith('.')));

        // Whatever step the kill interrupted is in doubt; re-running it is safe for every step of this runbook
        // (a second .reconfigure appends one more identical configuration entry, copies are redone from the winner).
        var (exit, stdout, stderr) = cluster.Runbook("resume", runId, "--catalog", Repository.Catalog, "--state-dir", state, "--yes", "--rerun-in-doubt");

        exit.ShouldBe(0, stdout + stderr);
        stdout.ShouldContain("succeeded");
        Checks.ClusterIsWhole(cluster, cluster.Nodes, LaggingClusterFixture.Keys);
    }

    private static string WaitForJournal(string state)
    {
        string? journal = null;
        var runs = Path.Combine(state, "runs");

        // A run folder is built as runs/.creating-<id> and renamed into place once complete.
        SpinWait.SpinUntil(() => (journal = Directory.Exists(runs)
            ? Directory.EnumerateDirectories(runs).Where(d => !Path.GetFileName(d).StartsWith('.')).Select(d => Path.Combine(d, "journal.jsonl")).FirstOrDefault(File.Exists)
            : null) is not null, TimeSpan.FromMinutes(1)).ShouldBeTrue();
        return journal!;
    }

    private static bool Contains(string file, string text)
    {
        using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().Contains(text, StringComparison.Ordinal);
    }
}
