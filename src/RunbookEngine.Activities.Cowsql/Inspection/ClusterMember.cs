namespace RunbookEngine.Activities.Cowsql.Inspection;

/// <summary>One server of a raft configuration, or one node of info.yaml / cluster.yaml.</summary>
internal sealed record ClusterMember(ulong Id, string Address, MemberRole Role);
