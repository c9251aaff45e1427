using System.ComponentModel;
using RunbookEngine.Activities.Context;
using RunbookEngine.Activities.Files;
using RunbookEngine.Activities.Planning;

namespace RunbookEngine.Activities.Archives;

/// <summary>
/// Extracts a tar or tar.gz archive into a folder, in two passes over one open file: the first checks every entry
/// (paths, links, devices, collisions, what is already in the destination) and writes nothing; the second
/// extracts, only if all of them passed. See <see cref="ArchiveInspector"/> and <see cref="ArchiveExtractor"/>.
/// </summary>
internal sealed class ArchiveExtract : Activity<ArchiveExtract.Input, ArchiveExtract.Output>
{
    private const int ListedEntries = 50;

    public override string Name => "archive.extract";

    public override string Description => "Extracts a tar or tar.gz archive into a folder after checking every entry stays inside it; nothing is written if any does not.";

    /// <summary>Identical files already in place are left alone, so a rerun after a crash finishes the job.</summary>
    public override ActivityTraits Traits => ActivityTraits.Idempotent;

    public override async Task<Output> ExecuteAsync(Input input, ActivityContext context, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var (archivePath, destination) = Paths(input, context);
        try
        {
            using var archive = Open(archivePath, destination);
            var entries = await ArchiveInspector.InspectAsync(archive, destination, input.Overwrite, cancellationToken).ConfigureAwait(false);
            await new ArchiveExtractor(destination, entries, context).ExtractAsync(archive, cancellationToken).ConfigureAwait(false);
            var output = new Output
            {
                Files = entries.Count(e => e.Kind is EntryKind.File or EntryKind.HardLink),
                Directories = entries.Count(e => e.Kind is EntryKind.Directory && e.Path.Length > 0),
                Links = entries.Count(e => e.Kind is EntryKind.SymbolicLink),
                Bytes = entries.Sum(e => (e.LinkedFile ?? e).Kind is EntryKind.File ? (e.LinkedFile ?? e).Size : 0),
                Unchanged = entries.Count(e => e.State is EntryState.Same && e.Kind is not EntryKind.Directory),
            };
            context.Log.Info("Extracted {Files} files ({Size}) into {Destination}; {Unchanged} were already there",
                output.Files, ByteSize.Format(output.Bytes), context.Redactor.Redact(destination), output.Unchanged);
            return output;
        }
        catch (ArchiveProblem problem)
        {
            throw problem.ToFailure(context.Redactor);
        }
    }

    /// <summary>Runs the checking pass for real (it only reads) and lists what the extracting pass would write.</summary>
    public override async Task<ActivityPlan> PlanAsync(Input input, ActivityContext context, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var (archivePath, destination) = Paths(input, context);
        var redact = context.Redactor;
        IReadOnlyList<ArchiveEntry> all;
        long archiveBytes;
        try
        {
            using var archive = Open(archivePath, destination);
            archiveBytes = archive.Length;
            all = await ArchiveInspector.InspectAsync(archive, destination, input.Overwrite, cancellationToken).ConfigureAwait(false);
        }
        catch (ArchiveProblem problem)
        {
            return new ActivityPlan
            {
                Summary = redact.Redact($"extract {archivePath} into {destination}: {problem.Message}"),
                Risks = [new PlanRisk(redact.Redact($"{problem.Message}; the step will fail ({problem.ErrorType})"), RiskSeverity.High)],
            };
        }

        // The archive's own root ("./") is the destination, not an entry of it.
        var entries = all.Where(e => e.Path.Length > 0).ToList();
        var files = entries.Where(e => e.Kind is EntryKind.File or EntryKind.HardLink).ToList();
        var bytes = files.Sum(e => (e.LinkedFile ?? e).Size);
        var toWrite = entries.Where(e => e.State is not EntryState.Same).ToList();
        var replaced = toWrite.Where(e => e.State is EntryState.Replaces).ToList();
        var effects = new List<PlannedEffect>
        {
            new(EffectKind.Read, redact.Redact(archivePath), $"{entries.Count} entries", archiveBytes),
            new(EffectKind.Write, redact.Redact(destination), $"{toWrite.Count} of {entries.Count} entries ({entries.Count - toWrite.Count} already in place)", toWrite.Sum(e => (e.LinkedFile ?? e).Size)),
        };
        effects.AddRange(entries.Take(ListedEntries).Select(e => new PlannedEffect(
            e.State is EntryState.Same ? EffectKind.Read : EffectKind.Write,
            redact.Redact(e.Path),
            e.Describe() + e.State switch { EntryState.Same => ", already in place", EntryState.Replaces => ", replaces what is there", _ => string.Empty },
            e.Kind is EntryKind.File ? e.Size : null)));
        if (entries.Count > ListedEntries)
        {
            effects.Add(new PlannedEffect(EffectKind.Write, redact.Redact(destination), $"… and {entries.Count - ListedEntries} more entries"));
        }

        var risks = new List<PlanRisk>();
        var needed = toWrite.Sum(e => (e.LinkedFile ?? e).Size);
        if (FreeSpace(destination) is { } free && free < needed)
        {
            risks.Add(new PlanRisk($"only {ByteSize.Format(free)} free at the destination, {ByteSize.Format(needed)} needed", RiskSeverity.High));
        }

        return new ActivityPlan
        {
            Summary = redact.Redact($"extract {files.Count} files ({ByteSize.Format(bytes)}) and {entries.Count - files.Count} folders/links from {archivePath} into {destination}"),
            Effects = effects,
            Risks = risks,
            Destructive = replaced.Count > 0,
            DataAtStake = replaced.Count == 0 ? null
                : redact.Redact($"{replaced.Count} existing entries in {destination} are replaced: {string.Join(", ", replaced.Take(10).Select(e => e.Path))}{(replaced.Count > 10 ? ", …" : string.Empty)}"),
        };
    }

    private static (string Archive, string Destination) Paths(Input input, ActivityContext context) =>
        (context.ResolvePath(input.Archive), Path.TrimEndingDirectorySeparator(context.ResolvePath(input.Destination)));

    private static FileStream Open(string path, string destination)
    {
        if (File.Exists(destination))
        {
            throw new ArchiveProblem(ArchiveProblem.TargetExists, $"the destination {destination} is a file, not a folder");
        }

        return File.Exists(path) ? ArchiveStreams.OpenFile(path) : throw new ArchiveProblem(ArchiveProblem.NotFound, $"the archive {path} does not exist");
    }

    private static long? FreeSpace(string folder)
    {
        while (!Directory.Exists(folder) && Path.GetDirectoryName(folder) is { } up)
        {
            folder = up;
        }

        try
        {
            return new DriveInfo(folder).AvailableFreeSpace;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return null;
        }
    }

    internal sealed record Input
    {
        [Description("The .tar, .tar.gz or .tgz file (gzip is recognised by its content).")]
        public required string Archive { get; init; }

        [Description("Folder to extract into; created if missing. Entries may not leave it: absolute paths, '..', and links pointing outside refuse the whole archive.")]
        public required string Destination { get; init; }

        [Description("Replace existing files and links that differ from the archive's (identical ones are always left alone); otherwise such a difference refuses the archive.")]
        public bool Overwrite { get; init; }
    }

    internal sealed record Output
    {
        [Description("Files in the archive (hard links count as files; they are extracted as copies).")]
        public long Files { get; init; }

        [Description("Folders in the archive.")]
        public long Directories { get; init; }

        [Description("Symbolic links in the archive.")]
        public long Links { get; init; }

        [Description("Bytes of file data in the archive.")]
        public long Bytes { get; init; }

        [Description("Files and links that were already in place with the same content and were left alone.")]
        public long Unchanged { get; init; }
    }
}
