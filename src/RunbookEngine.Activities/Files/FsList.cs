using System.ComponentModel;
using RunbookEngine.Activities.Context;
using RunbookEngine.Activities.Planning;

namespace RunbookEngine.Activities.Files;

internal sealed class FsList : Activity<FsList.Input, FsList.Output>
{
    public override string Name => "fs.list";

    public override string Description => "Lists the entries of a folder (optionally recursively and by glob) with sizes; links are listed, not followed.";

    public override ActivityTraits Traits => ActivityTraits.ReadOnly | ActivityTraits.Idempotent;

    public override Task<Output> ExecuteAsync(Input input, ActivityContext context, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var filter = PathFilter.From(input.Pattern is null ? null : [input.Pattern], null, includeInput: "pattern");
        var path = Path.TrimEndingDirectorySeparator(context.ResolvePath(input.Path));
        var entries = new List<Entry>();
        switch (Entries.Probe(path))
        {
            case EntryKind.Missing:
                throw new ActivityFailure(CopySet.NotFound, context.Redactor.Redact($"cannot list {path}: it does not exist"), retryable: false);
            case EntryKind.Directory:
            case EntryKind.Link when Directory.Exists(path):
                // The folder named is followed when it is a link (the author named it); nothing below it is.
                Walk(new DirectoryInfo(path), path, input.Recursive, filter, entries, cancellationToken);
                break;
            default:
                var file = new FileInfo(path);
                entries.Add(new Entry { Name = file.Name, Path = path, Size = file.LinkTarget is null ? file.Length : 0, IsLink = file.LinkTarget is not null });
                break;
        }

        entries.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
        return Task.FromResult(new Output { Entries = entries, Count = entries.Count, Bytes = entries.Where(e => !e.IsDirectory).Sum(e => e.Size) });
    }

    public override async Task<ActivityPlan> PlanAsync(Input input, ActivityContext context, CancellationToken cancellationToken)
    {
        var output = await ExecuteAsync(input, context, cancellationToken).ConfigureAwait(false);
        var path = context.Redactor.Redact(context.ResolvePath(input.Path));
        var matching = input.Pattern is null ? string.Empty : context.Redactor.Redact($" matching {input.Pattern}");
        return RanDuringPlanning(output, $"{path} has {output.Count} entries{matching}", [new PlannedEffect(EffectKind.Read, path, $"{output.Count} entries", output.Bytes)]);
    }

    /// <summary>Adds the entries below <paramref name="folder"/> that are listed; returns the bytes of all files below it.</summary>
    private static long Walk(DirectoryInfo folder, string root, bool recursive, PathFilter filter, List<Entry> entries, CancellationToken cancellationToken)
    {
        var options = new EnumerationOptions { AttributesToSkip = 0, IgnoreInaccessible = false };
        long total = 0;
        foreach (var entry in folder.EnumerateFileSystemInfos("*", options))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var isLink = entry.Attributes.HasFlag(FileAttributes.ReparsePoint);
            var isDirectory = entry is DirectoryInfo && !isLink;

            // A folder's size is all the files below it, as fs.stat reports it; so it is walked even when not listed.
            var size = isLink ? 0 : isDirectory ? Walk((DirectoryInfo)entry, root, recursive, filter, recursive ? entries : [], cancellationToken) : ((FileInfo)entry).Length;
            total += size;
            var relative = Path.GetRelativePath(root, entry.FullName).Replace(Path.DirectorySeparatorChar, '/');
            if (filter.IncludesFile(relative))
            {
                entries.Add(new Entry { Name = entry.Name, Path = entry.FullName, Size = size, IsDirectory = isDirectory, IsLink = isLink });
            }
        }

        return total;
    }

    internal sealed record Input
    {
        [Description("Folder to list (a file lists as itself).")]
        public required string Path { get; init; }

        [Description("Glob the entries must match, e.g. *.log ('*' matches dot-files too); without '/' it matches names, with '/' paths relative to path.")]
        public string? Pattern { get; init; }

        [Description("List everything below the folder, not only its own entries.")]
        public bool Recursive { get; init; }
    }

    internal sealed record Output
    {
        [Description("The entries, in path order.")]
        public IReadOnlyList<Entry> Entries { get; init; } = [];

        [Description("Number of entries.")]
        public long Count { get; init; }

        [Description("Total size of the files listed, in bytes.")]
        public long Bytes { get; init; }
    }

    internal sealed record Entry
    {
        [Description("File or folder name.")]
        public string Name { get; init; } = string.Empty;

        [Description("Full path.")]
        public string Path { get; init; } = string.Empty;

        [Description("Size in bytes (a folder: all files below it; a link: 0).")]
        public long Size { get; init; }

        [Description("Whether it is a folder (a link to a folder is not).")]
        public bool IsDirectory { get; init; }

        [Description("Whether it is a symbolic link (listed, never followed).")]
        public bool IsLink { get; init; }
    }
}
