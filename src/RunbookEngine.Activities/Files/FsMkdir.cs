using System.ComponentModel;
using RunbookEngine.Activities.Context;
using RunbookEngine.Activities.Planning;

namespace RunbookEngine.Activities.Files;

internal sealed class FsMkdir : Activity<FsMkdir.Input, FsMkdir.Output>
{
    public override string Name => "fs.mkdir";

    public override string Description => "Creates a folder and any missing parents; an existing folder is fine (its mode is set when given).";

    public override ActivityTraits Traits => ActivityTraits.Idempotent;

    public override Task<Output> ExecuteAsync(Input input, ActivityContext context, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var mode = UnixModes.Parse(input.Mode, "mode");
        var state = Inspect(input, context);
        if (state.Problem is { } problem)
        {
            throw new ActivityFailure(CopySet.Exists, context.Redactor.Redact(problem), retryable: false);
        }

        if (state.Missing.Count > 0)
        {
            // As mkdir -p -m: parents get the default mode, the folder itself is created with the mode (never more open
            // than asked, not even for a moment; the umask may make it less, which is corrected below).
            Directory.CreateDirectory(Path.GetDirectoryName(state.Path) ?? state.Path);
            if (mode is { } m && !OperatingSystem.IsWindows())
            {
                Directory.CreateDirectory(state.Path, m);
            }
            else
            {
                Directory.CreateDirectory(state.Path);
            }

            context.Log.Info("Created {Path}", context.Redactor.Redact(state.Path));
        }

        if (mode is { } wanted && !OperatingSystem.IsWindows() && File.GetUnixFileMode(state.Path) != wanted)
        {
            // Creation is subject to the umask; set the mode explicitly so the folder has exactly what was asked.
            File.SetUnixFileMode(state.Path, wanted);
        }

        return Task.FromResult(new Output { Path = state.Path, Created = state.Missing.Count > 0 });
    }

    public override Task<ActivityPlan> PlanAsync(Input input, ActivityContext context, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var mode = UnixModes.Parse(input.Mode, "mode");
        var state = Inspect(input, context);
        var redact = context.Redactor;
        if (state.Problem is { } problem)
        {
            return Task.FromResult(new ActivityPlan
            {
                Summary = redact.Redact($"create folder {state.Path}: {problem}"),
                Risks = [new PlanRisk(redact.Redact(problem) + "; the step will fail", RiskSeverity.High)],
            });
        }

        var withMode = mode is { } m ? $" with mode {UnixModes.Format(m)}" : string.Empty;
        if (state.Missing.Count == 0)
        {
            if (mode is { } wanted && !OperatingSystem.IsWindows() && File.GetUnixFileMode(state.Path) is var current && current != wanted)
            {
                return Task.FromResult(new ActivityPlan
                {
                    Summary = redact.Redact($"{state.Path} exists; change its mode from {UnixModes.Format(current)} to {UnixModes.Format(wanted)}"),
                    Effects = [new PlannedEffect(EffectKind.Write, redact.Redact(state.Path), $"mode {UnixModes.Format(wanted)}")],
                });
            }

            return Task.FromResult(new ActivityPlan { Summary = redact.Redact($"{state.Path} already exists; nothing to do") });
        }

        return Task.FromResult(new ActivityPlan
        {
            Summary = redact.Redact($"create folder {state.Path}{withMode}{(state.Missing.Count > 1 ? $" ({state.Missing.Count - 1} missing parents too)" : string.Empty)}"),
            Effects = state.Missing.Select(f => new PlannedEffect(EffectKind.Write, redact.Redact(f), f == state.Path ? "new folder" + withMode : "new parent folder")).ToList(),
        });
    }

    /// <summary>The folders that do not exist yet, outermost first, and what is in the way if anything.</summary>
    private static (string Path, IReadOnlyList<string> Missing, string? Problem) Inspect(Input input, ActivityContext context)
    {
        var path = Path.TrimEndingDirectorySeparator(context.ResolvePath(input.Path));
        var missing = new List<string>();
        for (var current = path; current is not null; current = Path.GetDirectoryName(current))
        {
            if (Directory.Exists(current))
            {
                break;
            }

            if (Entries.Probe(current) != EntryKind.Missing)
            {
                return (path, [], $"{current} exists and is not a folder");
            }

            missing.Insert(0, current);
        }

        return (path, missing, null);
    }

    internal sealed record Input
    {
        [Description("Folder to create, with any missing parents.")]
        public required string Path { get; init; }

        [Description("Permissions of the folder (not of missing parents) as four octal digits in quotes, e.g. \"0750\"; an existing folder gets them too.")]
        public string? Mode { get; init; }
    }

    internal sealed record Output
    {
        [Description("Full path of the folder.")]
        public string Path { get; init; } = string.Empty;

        [Description("Whether the folder was created (false: it already existed).")]
        public bool Created { get; init; }
    }
}
