using System.Formats.Tar;

namespace RunbookEngine.Activities.Archives;

internal enum EntryKind
{
    File,
    Directory,
    SymbolicLink,
    HardLink,
}

/// <summary>What is at an entry's place in the destination now, compared with the entry.</summary>
internal enum EntryState
{
    /// <summary>Nothing there: the entry is created.</summary>
    New,

    /// <summary>The same content (or folder, or link target) is already there: left alone, which makes reruns cheap and safe.</summary>
    Same,

    /// <summary>Something different is there: replaced, with <c>overwrite: true</c> only.</summary>
    Replaces,
}

/// <summary>
/// One checked entry: its normalized path, and for files the size and SHA-256 of the data read in the checking pass,
/// which the extracting pass must see again byte for byte.
/// </summary>
internal sealed record ArchiveEntry(
    int Index,
    EntryKind Kind,
    string Name,
    string Path,
    string? LinkTarget,
    long Size,
    UnixFileMode Mode,
    DateTimeOffset Modified,
    string? Sha256)
{
    public EntryState State { get; set; } = EntryState.New;

    /// <summary>For a hard link: the file entry it repeats.</summary>
    public ArchiveEntry? LinkedFile { get; set; }

    public static EntryKind? KindOf(TarEntryType type) => type switch
    {
        TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile => EntryKind.File,
        TarEntryType.Directory => EntryKind.Directory,
        TarEntryType.SymbolicLink => EntryKind.SymbolicLink,
        TarEntryType.HardLink => EntryKind.HardLink,
        _ => null,
    };

    public string Describe() => Kind switch
    {
        EntryKind.Directory => "folder",
        EntryKind.SymbolicLink => $"symbolic link to {LinkTarget}",
        EntryKind.HardLink => $"hard link to {LinkTarget} (extracted as a copy)",
        _ => "file",
    };
}
