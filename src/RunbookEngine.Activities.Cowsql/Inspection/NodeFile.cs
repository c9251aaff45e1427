namespace RunbookEngine.Activities.Cowsql.Inspection;

/// <summary>A regular file of the node directory (or a symlink to one that stays inside it).</summary>
internal sealed record NodeFile(string Name, string Path, long Length);
