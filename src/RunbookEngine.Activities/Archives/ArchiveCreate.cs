using System.ComponentModel;
using System.Security.Cryptography;
using RunbookEngine.Activities.Config;
using RunbookEngine.Activities.Context;
using RunbookEngine.Activities.Files;
using RunbookEngine.Activities.Planning;

namespace RunbookEngine.Activities.Archives;

/// <summary>
/// Archives a folder as tar or tar.gz (see <see cref="ArchiveSource"/> for what goes in, <see cref="ArchiveWriter"/>
/// for how). The archive is written beside its final name and renamed when complete. An existing archive is left
/// alone when it has the same bytes (a rerun), and replaced only with <c>overwrite: true</c>.
/// </summary>
internal sealed class ArchiveCreate : Activity<ArchiveCreate.Input, ArchiveCreate.Output>
{
    private const int ListedEntries = 20;

    public enum CompressionKind
    {
        /// <summary>gzip when the name ends in .gz or .tgz, plain tar otherwise.</summary>
        Auto,
        None,
        Gzip,
    }

    public override string Name => "archive.create";

    public override string Description => "Archives a folder as tar or tar.gz (include/exclude globs, deterministic order); outputs size and SHA-256.";

    public override ActivityTraits Traits => ActivityTraits.Idempotent;

    public override async Task<Output> ExecuteAsync(Input input, ActivityContext context, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var job = Job.For(input, context);
        var redact = context.Redactor;
        try
        {
            var source = job.Scan(cancellationToken);
            foreach (var link in source.Links)
            {
                context.Log.Warning("Not following the symbolic link {Link}; it is not in the archive", redact.Redact(link));
            }

            if (File.Exists(job.Archive))
            {
                // An archive is already there: if it is this one (a rerun), or may not be replaced, nothing is written at all.
                var wouldBe = await ArchiveWriter.HashAsync(source, job.Gzip, context, cancellationToken).ConfigureAwait(false);
                if (Sha256Of(job.Archive) == wouldBe)
                {
                    context.Log.Info("{Archive} already holds this archive (sha256 {Sha256}); not rewritten", redact.Redact(job.Archive), wouldBe);
                    return new Output { Files = source.Files, Bytes = new FileInfo(job.Archive).Length, Sha256 = wouldBe, Changed = false };
                }

                if (!input.Overwrite)
                {
                    throw new ArchiveProblem(ArchiveProblem.TargetExists, $"{job.Archive} already exists with other content; set overwrite: true to replace it");
                }
            }

            var (temp, bytes, sha) = await ArchiveWriter.WriteAsync(source, job.Archive, job.Gzip, context, cancellationToken).ConfigureAwait(false);
            File.Move(temp, job.Archive, overwrite: true);
            context.Log.Info("Archived {Files} files ({Size}) from {Source} into {Archive} ({Bytes} bytes, sha256 {Sha256})",
                source.Files, ByteSize.Format(source.Bytes), redact.Redact(job.Source), redact.Redact(job.Archive), bytes, sha);
            return new Output { Files = source.Files, Bytes = bytes, Sha256 = sha, Changed = true };
        }
        catch (ArchiveProblem problem)
        {
            throw problem.ToFailure(redact);
        }
    }

    public override Task<ActivityPlan> PlanAsync(Input input, ActivityContext context, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var job = Job.For(input, context);
        var redact = context.Redactor;
        ArchiveSource source;
        try
        {
            source = job.Scan(cancellationToken);
        }
        catch (ArchiveProblem problem)
        {
            return Task.FromResult(new ActivityPlan
            {
                Summary = redact.Redact($"archive {job.Source} into {job.Archive}: {problem.Message}"),
                Risks = [new PlanRisk(redact.Redact($"{problem.Message}; the step will fail ({problem.ErrorType})"), RiskSeverity.High)],
            });
        }

        var listed = string.Join(", ", source.Entries.Take(ListedEntries).Select(e => e.Name)) + (source.Entries.Count > ListedEntries ? $", … ({source.Entries.Count} entries)" : string.Empty);
        var risks = new List<PlanRisk>();
        if (source.Links.Count > 0)
        {
            risks.Add(new PlanRisk(redact.Redact($"{source.Links.Count} symbolic link(s) will not be followed or archived: {string.Join(", ", source.Links.Take(5))}"), RiskSeverity.Low));
        }

        var existing = File.Exists(job.Archive) ? new FileInfo(job.Archive).Length : (long?)null;
        if (existing is not null && !input.Overwrite)
        {
            risks.Add(new PlanRisk(redact.Redact($"{job.Archive} already exists; the step fails unless it is byte-for-byte the archive it would write"), RiskSeverity.Medium));
        }

        return Task.FromResult(new ActivityPlan
        {
            Summary = redact.Redact($"archive {source.Files} files ({ByteSize.Format(source.Bytes)}) from {job.Source} into {job.Archive} ({(job.Gzip ? "tar.gz" : "tar")})"),
            Effects =
            [
                new PlannedEffect(EffectKind.Read, redact.Redact(job.Source), $"{source.Files} files, {source.Entries.Count - source.Files} folders", source.Bytes),
                new PlannedEffect(EffectKind.Write, redact.Redact(job.Archive), redact.Redact(listed)),
            ],
            Risks = risks,
            Destructive = existing is not null && input.Overwrite,
            DataAtStake = existing is not null && input.Overwrite ? redact.Redact($"the existing archive {job.Archive} ({ByteSize.Format(existing.Value)}) is replaced if it differs") : null,
        });
    }

    private static string Sha256Of(string path)
    {
        using var file = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(file));
    }

    /// <summary>Inputs resolved and checked the same way for plan and execute.</summary>
    private sealed record Job(string Source, string Archive, bool Gzip, IReadOnlyList<Glob> Include, IReadOnlyList<Glob> Exclude)
    {
        public static Job For(Input input, ActivityContext context)
        {
            var source = Path.TrimEndingDirectorySeparator(context.ResolvePath(input.Source));
            var archive = context.ResolvePath(input.Archive);
            var gzip = input.Compression switch
            {
                CompressionKind.Gzip => true,
                CompressionKind.None => false,
                _ => ArchiveStreams.IsGzipName(archive),
            };
            return new Job(source, archive, gzip, Globs("include", input.Include), Globs("exclude", input.Exclude));
        }

        public ArchiveSource Scan(CancellationToken cancellationToken)
        {
            if (!Directory.Exists(Source))
            {
                throw new ArchiveProblem(ArchiveProblem.NotFound, File.Exists(Source) ? $"{Source} is a file; archive.create archives a folder" : $"the folder {Source} does not exist");
            }

            if (Archive.StartsWith(Source + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            {
                throw new ArchiveProblem(ArchiveProblem.TargetInsideSource, $"the archive {Archive} would be inside {Source}, which it archives");
            }

            if (Path.GetDirectoryName(Archive) is { } folder && !Directory.Exists(folder))
            {
                throw new ArchiveProblem(ArchiveProblem.NotFound, $"the folder {folder} for the archive does not exist");
            }

            if (Directory.Exists(Archive))
            {
                throw new ArchiveProblem(ArchiveProblem.TargetExists, $"{Archive} is a folder");
            }

            return ArchiveSource.Scan(Source, Include, Exclude, cancellationToken);
        }

        private static IReadOnlyList<Glob> Globs(string input, IReadOnlyList<string>? patterns)
        {
            try
            {
                return (patterns ?? []).Select(Glob.Parse).ToList();
            }
            catch (FormatException ex)
            {
                throw new ActivityInputException(input, "glob patterns such as **/*.log or data/tmp", $"input '{input}': {ex.Message}");
            }
        }
    }

    internal sealed record Input
    {
        [Description("Folder to archive; entries are named relative to it.")]
        public required string Source { get; init; }

        [Description("Archive file to write (.tar, .tar.gz or .tgz); its folder must exist and it may not be inside the source.")]
        public required string Archive { get; init; }

        [Description("Only files matching one of these globs ('*', '?', '**'; a pattern without '/' matches a name at any depth, a folder matches what is in it). Default: everything.")]
        public IReadOnlyList<string>? Include { get; init; }

        [Description("Leave out files and folders matching any of these globs, e.g. *.tmp or logs.")]
        public IReadOnlyList<string>? Exclude { get; init; }

        [Description("auto (gzip for .gz/.tgz names), none or gzip.")]
        public CompressionKind Compression { get; init; }

        [Description("Replace an existing archive with other content; otherwise that fails the step (an identical one is kept either way).")]
        public bool Overwrite { get; init; }
    }

    internal sealed record Output
    {
        [Description("Files in the archive.")]
        public long Files { get; init; }

        [Description("Size of the archive file in bytes.")]
        public long Bytes { get; init; }

        [Description("SHA-256 of the archive file, lowercase hex.")]
        public string Sha256 { get; init; } = string.Empty;

        [Description("Whether the archive was written (false when an identical one was already there).")]
        public bool Changed { get; init; }
    }
}
