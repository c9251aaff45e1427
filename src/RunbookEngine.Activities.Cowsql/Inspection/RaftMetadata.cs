namespace RunbookEngine.Activities.Cowsql.Inspection;

/// <summary>
/// The metadata raft loads: the newer (higher <see cref="Version"/>) of metadata1 and metadata2.
/// <see cref="VotedFor"/> is a raft server ID, 0 when the node has not voted in <see cref="Term"/>.
/// </summary>
internal sealed record RaftMetadata(string File, ulong Version, ulong Term, ulong VotedFor);
