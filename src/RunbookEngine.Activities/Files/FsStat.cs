using System.ComponentModel;
using RunbookEngine.Activities.Context;
using RunbookEngine.Activities.Planning;

namespace RunbookEngine.Activities.Files;

internal sealed class FsStat : Activity<FsStat.Input, FsStat.Output>
{
    public override string Name => "fs.stat";

    public override string Description => "Reports whether a path exists, its kind and size.";

    public override ActivityTraits Traits => ActivityTraits.ReadOnly | ActivityTraits.Idempotent;

    public override Task<Output> ExecuteAsync(Input input, ActivityContext context, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var path = context.ResolvePath(input.Path);
        if (!File.Exists(path) && !Directory.Exists(path))
        {
            return Task.FromResult(new Output());
        }

        // A folder's size is its files' sizes, links inside it not followed (see FileTree).
        var tree = FileTree.Scan(path, cancellationToken);
        return Task.FromResult(new Output { Exists = true, IsDirectory = Directory.Exists(path), Size = tree.Bytes });
    }

    public override async Task<ActivityPlan> PlanAsync(Input input, ActivityContext context, CancellationToken cancellationToken)
    {
        var output = await ExecuteAsync(input, context, cancellationToken).ConfigureAwait(false);
        var path = context.Redactor.Redact(context.ResolvePath(input.Path));
        var found = !output.Exists ? "does not exist" : output.IsDirectory ? $"is a folder of {ByteSize.Format(output.Size)}" : $"is a file of {ByteSize.Format(output.Size)}";
        return RanDuringPlanning(output, $"{path} {found}", [new PlannedEffect(EffectKind.Read, path, null, output.Size)]);
    }

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
