using System.Text;
using RunbookEngine.Core.Tests.Journal;
using RunbookEngine.Core.Tests.Support;
using RunbookEngine.Journal;
using RunbookEngine.Runs;

namespace RunbookEngine.Core.Tests.Runs;

public sealed class AtomicFileTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private string Target => Path.Combine(_dir.Path, "runbook.yaml");

    [Fact]
    public void The_new_content_is_synced_before_it_replaces_the_old_and_the_directory_after()
    {
        File.WriteAllText(Target, "old");
        var sync = new CountingFileSync();
        string? targetAtDataSync = null;
        sync.OnDataSync = synced =>
        {
            Path.GetDirectoryName(synced).ShouldBe(_dir.Path);
            Path.GetFileName(synced).ShouldStartWith(".runbook.yaml.");
            // The temporary file is still open with FileShare.None; read it as another process would.
            LibC.ReadWithoutLocking(synced, 100).ShouldBe("new"u8.ToArray());
            targetAtDataSync = File.ReadAllText(Target);
        };

        AtomicFile.Write(Target, "new"u8, sync);

        targetAtDataSync.ShouldBe("old");
        sync.DataSyncs.ShouldBe(1);
        sync.DirectorySyncs.ShouldBe([_dir.Path]);
        File.ReadAllText(Target).ShouldBe("new");
        Directory.GetFiles(_dir.Path).ShouldBe([Target]);
    }

    [Fact]
    public void A_failure_before_the_rename_leaves_the_old_content_and_no_temporary_file()
    {
        File.WriteAllText(Target, "old");
        var sync = new CountingFileSync { FailDataSyncNumber = 1 };

        Should.Throw<IOException>(() => AtomicFile.Write(Target, Encoding.UTF8.GetBytes("new"), sync));

        File.ReadAllText(Target).ShouldBe("old");
        Directory.GetFiles(_dir.Path).ShouldBe([Target]);
        sync.DirectorySyncs.ShouldBeEmpty();
    }
}
