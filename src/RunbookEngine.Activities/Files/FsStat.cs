using System.ComponentModel;

namespace RunbookEngine.Activities.Files;

internal sealed class FsStat : Activity<FsStat.Input, FsStat.Output>
{
    public override string Name => "fs.stat";

    public override string Description => "Reports whether a path exists, its kind and size.";

    public override ActivityTraits Traits => ActivityTraits.ReadOnly | ActivityTraits.Idempotent;

    internal sealed record Input
    {
        [Description("File or folder to look at.")]
        public required string Path { get; init; }
    }

    internal sealed record Output
    {
        [Description("Whether the path exists.")]
        public bool Exists { get; init; }

        [Description("Whether it is a folder.")]
        public bool IsDirectory { get; init; }

        [Description("Size in bytes (a folder: all files below it).")]
        public long Size { get; init; }
    }
}
