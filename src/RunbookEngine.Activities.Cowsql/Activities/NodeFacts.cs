using System.Globalization;
using System.ComponentModel;
using RunbookEngine.Activities.Cowsql.Inspection;

namespace RunbookEngine.Activities.Cowsql.Activities;

/// <summary>What cowsql.inspect reports about one node, as values later steps read (steps.&lt;id&gt;.outputs).</summary>
internal sealed record NodeFacts
{
    [Description("The node directory inspected.")]
    public string Directory { get; init; } = string.Empty;

    [Description("Raft node id from info.yaml, as decimal text (ids are unsigned 64-bit); empty when unknown.")]
    public string Id { get; init; } = string.Empty;

    [Description("Address from info.yaml (empty when unknown).")]
    public string Address { get; init; } = string.Empty;

    [Description("Current term from metadata1/2 (0 without metadata).")]
    public long CurrentTerm { get; init; }

    [Description("Term of the last log entry (or of the latest snapshot when no entry follows it).")]
    public long LastTerm { get; init; }

    [Description("Index of the last entry raft would load.")]
    public long LastIndex { get; init; }

    [Description("Index of the first entry on disk (0 when none).")]
    public long FirstIndex { get; init; }

    [Description("Index of the snapshot raft would load (0 when none).")]
    public long SnapshotIndex { get; init; }

    [Description("Entries raft would load from the segments.")]
    public long Entries { get; init; }

    [Description("The newest membership found in the log or snapshot.")]
    public IReadOnlyList<MemberFact> Members { get; init; } = [];

    [Description("Everything that would stop or change a start; kinds are stable.")]
    public IReadOnlyList<ProblemFact> Problems { get; init; } = [];

    [Description("Whether raft/dqlite would refuse this directory as it is.")]
    public bool HasErrors { get; init; }

    [Description("One line for people.")]
    public string Summary { get; init; } = string.Empty;

    public static NodeFacts From(NodeReport report) => new()
    {
        Directory = report.Directory,
        Id = report.Info?.Id.ToString(CultureInfo.InvariantCulture) ?? string.Empty,
        Address = report.Info?.Address ?? string.Empty,
        CurrentTerm = (long)(report.CurrentTerm ?? 0),
        LastTerm = (long)report.LastTerm,
        LastIndex = (long)report.LastIndex,
        FirstIndex = (long)(report.FirstIndex ?? 0),
        SnapshotIndex = (long)(report.LatestSnapshot?.Index ?? 0),
        Entries = report.EntryCount,
        Members = (report.Configuration?.Members ?? []).Select(MemberFact.From).ToList(),
        Problems = report.Problems.Select(p => new ProblemFact(p.Kind.ToString(), p.Severity.ToString().ToLowerInvariant(), p.Message, p.File ?? string.Empty)).ToList(),
        HasErrors = report.HasErrors,
        Summary = $"{report.Info?.Address ?? report.Directory}: last term {report.LastTerm}, last index {report.LastIndex}"
            + $"{(report.LatestSnapshot is { } s ? $", snapshot {s.Index}" : string.Empty)}, {report.Problems.Count} problem{(report.Problems.Count == 1 ? string.Empty : "s")}",
    };
}

internal sealed record MemberFact(string Id, string Address, string Role)
{
    public static MemberFact From(ClusterMember member) => new(member.Id.ToString(CultureInfo.InvariantCulture), member.Address, member.Role.ToString().ToLowerInvariant());
}

internal sealed record ProblemFact(string Kind, string Severity, string Message, string File);
