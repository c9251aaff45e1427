namespace RunbookEngine.Activities.Cowsql.Inspection;

/// <summary>
/// A cluster member's role. The numeric codes differ by file, so they are translated where read:
/// raft configurations (segments, .meta) use 0 standby, 1 voter, 2 spare (raft.h RAFT_STANDBY/
/// RAFT_VOTER/RAFT_SPARE); info.yaml and cluster.yaml use dqlite's 0 voter, 1 standby, 2 spare
/// (dqlite src/translate.c; cowsql seed A.1). Source: /work/shared/reference/dqlite-format.md §1.
/// </summary>
internal enum MemberRole
{
    Voter,
    Standby,
    Spare,
}

internal static class MemberRoles
{
    public static MemberRole? FromRaftCode(byte code) => code switch
    {
        0 => MemberRole.Standby,
        1 => MemberRole.Voter,
        2 => MemberRole.Spare,
        _ => null,
    };

    public static MemberRole? FromDqliteCode(long code) => code switch
    {
        0 => MemberRole.Voter,
        1 => MemberRole.Standby,
        2 => MemberRole.Spare,
        _ => null,
    };
}
