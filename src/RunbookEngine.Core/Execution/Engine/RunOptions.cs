namespace RunbookEngine.Execution.Engine;

internal sealed record RunOptions
{
    public required string RunId { get; init; }

    public required string WorkingDirectory { get; init; }

    public required DateTimeOffset StartedAt { get; init; }

    /// <summary>Decision for non-idempotent steps left in doubt by a crash; idempotent ones are simply re-run.</summary>
    public InDoubtPolicy InDoubt { get; init; } = InDoubtPolicy.Ask;

    /// <summary>Who made the in-doubt decision, for the journal.</summary>
    public string Operator { get; init; } = Environment.UserName;

    /// <summary>Go on although read-only facts gathered before the crash (e.g. the most up-to-date node) changed.</summary>
    public bool AcceptChangedFacts { get; init; }

    public bool Resumed { get; init; }

    /// <summary>Told about each program a step's activity starts and reaps; the CLI records them with the run's lock.</summary>
    public Activities.Context.IProgramTracker Programs { get; init; } = Activities.Context.NullProgramTracker.Instance;
}
