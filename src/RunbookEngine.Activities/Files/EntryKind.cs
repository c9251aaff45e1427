namespace RunbookEngine.Activities.Files;

/// <summary>What is at a path, the path itself not followed: a link is a link, even one that points nowhere.</summary>
internal enum EntryKind
{
    Missing,
    File,
    Directory,
    Link,
}

internal static class Entries
{
    public static EntryKind Probe(string path)
    {
        var info = new FileInfo(path);
        return info.LinkTarget is not null ? EntryKind.Link
            : Directory.Exists(path) ? EntryKind.Directory
            : info.Exists ? EntryKind.File
            : EntryKind.Missing;
    }
}
