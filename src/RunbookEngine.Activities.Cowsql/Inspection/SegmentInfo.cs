namespace RunbookEngine.Activities.Cowsql.Inspection;

/// <summary>
/// One segment file as parsed. Closed segments take <see cref="FirstIndex"/>..<see cref="LastIndex"/>
/// from their name; an open segment's indexes are not stored anywhere and are assigned while the
/// log is assembled (0..0 when it holds no entry or is not part of the loaded log).
/// <see cref="EntryCount"/> counts valid entries (an open segment: up to its first invalid batch);
/// <see cref="ValidBytes"/> is where raft would truncate an open segment when closing it.
/// <see cref="InLog"/> says whether raft's loader would use the segment (see LogAssembler).
/// </summary>
internal sealed record SegmentInfo(
    string Name,
    bool IsOpen,
    ulong FirstIndex,
    ulong LastIndex,
    long EntryCount,
    int BatchCount,
    long FileSize,
    long ValidBytes,
    bool InLog,
    string? EndNote);
