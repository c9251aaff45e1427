namespace RunbookEngine.Activities.Cowsql.Inspection;

/// <summary>
/// Consecutive log entries with the same term, <see cref="FirstIndex"/>..<see cref="LastIndex"/>
/// inclusive. Terms only grow along a log, so a node's whole log is a handful of runs; ranking
/// uses them to find where two logs stop agreeing (raft's Log Matching property).
/// </summary>
internal sealed record TermRun(ulong FirstIndex, ulong LastIndex, ulong Term);
