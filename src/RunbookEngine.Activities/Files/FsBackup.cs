using System.ComponentModel;

namespace RunbookEngine.Activities.Files;

internal sealed class FsBackup : Activity<FsBackup.Input, FsBackup.Output>
{
    public override string Name => "fs.backup";

    public override string Description => "Copies a tree to a timestamped backup folder with a SHA-256 manifest.";

    public override ActivityTraits Traits => ActivityTraits.Idempotent;

    internal sealed record Input
    {
        [Description("Folder to back up.")]
        public required string Path { get; init; }

        [Description("Folder under which the timestamped backup is created (default: beside the source).")]
        public string? Destination { get; init; }
    }

    internal sealed record Output
    {
        [Description("Folder holding the backup.")]
        public string BackupPath { get; init; } = string.Empty;

        [Description("Number of files copied.")]
        public long Files { get; init; }

        [Description("Bytes copied.")]
        public long Bytes { get; init; }
    }
}
