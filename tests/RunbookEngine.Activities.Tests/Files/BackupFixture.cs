using RunbookEngine.Activities.Files;
using RunbookEngine.Activities.Tests.Support;

namespace RunbookEngine.Activities.Tests.Files;

/// <summary>A real backup made by fs.backup of a small data folder, for the activities that read backups.</summary>
internal static class BackupFixture
{
    public static async Task<string> MakeAsync(TempTree dir)
    {
        dir.Write("data/node1/raft.log", "entries");
        dir.Write("data/node1/sub dir/snapshot.bin", new byte[3000]);
        dir.Write("data/.meta", "m");
        var outputs = await new FsBackup().Execute(new TestContext(dir.Path, time: new FakeTimeProvider()).Context, ("path", "data"), ("destination", "backups"));
        return (string)outputs["backupPath"]!;
    }
}
