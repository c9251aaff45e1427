using System.Security.Cryptography;
using RunbookEngine.Activities.Pegasus.Tests.Support;
using RunbookEngine.Simulators.Pegasus;

namespace RunbookEngine.Activities.Pegasus.Tests.Runbooks;

/// <summary>pegasus/meta-recovery: a plan changes nothing and names the data at stake; a run killed inside its long wait resumes to the right end.</summary>
public sealed class PlanAndResumeTests : IDisposable
{
    private static readonly string RunbookFile = Path.Combine(Repository.Catalog, "pegasus", "meta-recovery.yaml");
    private readonly List<Onebox> _boxes = [];

    public void Dispose() => _boxes.ForEach(b => b.Dispose());

    private static string Hash(string path) => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path)));

    [Fact]
    public async Task Plan_changes_nothing_and_states_the_data_at_risk_of_the_skip_flags()
    {
        var box = new Onebox();
        _boxes.Add(box);
        var paramsFile = box.Params(extra: ["skipBadNodes: true", "skipLostPartitions: true"]);
        var before = (Hash(box.StatePath), Hash(box.ConfigPath));

        var plan = await box.RunbookAsync("plan", RunbookFile, "--params", paramsFile);

        plan.Exit.ShouldBe(0, plan.Out + plan.Err);
        (Hash(box.StatePath), Hash(box.ConfigPath)).ShouldBe(before, "plan must not touch the simulator state or config.ini");
        File.Exists(box.NodeListFile).ShouldBeFalse();
        Directory.Exists(Path.Combine(box.StateDir, "runs")).ShouldBeFalse();
        plan.Out.ShouldContain("--skip_bad_nodes");
        plan.Out.ShouldContain("re-created EMPTY");
        plan.Out.ShouldContain("writes held only by replicas on unreachable replica servers");
        plan.Out.ShouldContain("cluster_root = /pegasus/onebox/127.0.0.1");
    }

    [Fact]
    public async Task Plan_with_safe_defaults_warns_that_recovery_may_refuse_rather_than_lose_data()
    {
        var box = new Onebox();
        _boxes.Add(box);
        var before = Hash(box.StatePath);

        var plan = await box.RunbookAsync("plan", RunbookFile, "--params", box.Params());

        plan.Exit.ShouldBe(0, plan.Out + plan.Err);
        Hash(box.StatePath).ShouldBe(before);
        plan.Out.ShouldContain("ERR_TRY_AGAIN and nothing is recovered");
        plan.Out.ShouldNotContain("re-created EMPTY");
    }

    [Fact]
    public async Task Killed_while_waiting_for_the_meta_then_resumed_finishes_the_recovery()
    {
        // The meta takes 4 s to start, so the engine is certainly inside wait-recovery-mode when it is killed.
        var box = new Onebox(metaStartSeconds: 4);
        _boxes.Add(box);
        using (var run = RunbookProcess.Start(box.Dir, ["run", RunbookFile, "--params", box.Params(), "--state-dir", box.StateDir, "--yes"]))
        {
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (!InWaitStep(box) && DateTime.UtcNow < deadline && !run.HasExited)
            {
                await Task.Delay(50);
            }

            InWaitStep(box).ShouldBeTrue("the run should have reached wait-recovery-mode");
            run.Kill(entireProcessTree: true);
            await run.WaitForExitAsync();
        }

        box.State.Meta.Status.ShouldBeOneOf(MetaStatus.Starting, MetaStatus.Recovering);
        var runId = box.RunId();
        var resume = await box.RunbookAsync("resume", runId, "--state-dir", box.StateDir);

        resume.Exit.ShouldBe(0, resume.Out + resume.Err);
        resume.Out.ShouldContain("wait-recovery-mode");
        var status = await box.StatusAsync(runId);
        status.GetProperty("state").GetString().ShouldBe("Succeeded");
        var state = box.State;
        state.Meta.Status.ShouldBe(MetaStatus.Serving);
        state.Meta.ClusterRoot.ShouldBe(Onebox.NewRoot);
        state.Meta.Restarts.ShouldBe(2, "the completed restart is not run again");
        state.Recoveries.Single().Result.ShouldBe("ERR_OK");
        box.ConfigValue("recover_from_replica_server").ShouldBe("false");
    }

    private static bool InWaitStep(Onebox box)
    {
        var runs = Path.Combine(box.StateDir, "runs");
        if (!Directory.Exists(runs))
        {
            return false;
        }

        foreach (var journal in Directory.GetDirectories(runs).Select(d => Path.Combine(d, "journal.jsonl")).Where(File.Exists))
        {
            using var stream = new FileStream(journal, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var reader = new StreamReader(stream);
            var text = reader.ReadToEnd();
            if (text.Contains("\"wait-recovery-mode\"", StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
