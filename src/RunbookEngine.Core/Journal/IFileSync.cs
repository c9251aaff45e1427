namespace RunbookEngine.Journal;

/// <summary>
/// Makes written bytes durable. A seam so tests can count syncs and prove that every append waits for one;
/// production code uses <see cref="FileSync.Instance"/>.
/// </summary>
internal interface IFileSync
{
    /// <summary>Writes the file's data (and the size needed to read it back) to stable storage before returning.</summary>
    void SyncData(FileStream file);

    /// <summary>Makes the directory's entries durable, so a file just created or renamed in it survives a power loss.</summary>
    void SyncDirectory(string directory);
}
