namespace RunbookEngine.Activities.Cowsql.Inspection;

/// <summary>
/// A raft membership configuration and where it was found: the CHANGE entry at log index
/// <see cref="Index"/>, or a snapshot's .meta (then <see cref="Index"/> is the configuration
/// index stored in the .meta and <see cref="File"/> the .meta's name).
/// </summary>
internal sealed record RaftConfiguration(
    ulong Index,
    ConfigurationSource Source,
    string File,
    IReadOnlyList<ClusterMember> Members);

internal enum ConfigurationSource
{
    Log,
    SnapshotMeta,
}
