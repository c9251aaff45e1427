namespace RunbookEngine.Journal;

/// <summary>
/// Failures of the disk under the state directory (no space, read-only, permissions, a file where a folder should
/// be), told apart from bugs so that the operator gets a sentence to act on instead of "internal error".
/// </summary>
internal static class StorageErrors
{
    /// <summary>
    /// True for what a file-system call throws when the storage refuses: <see cref="IOException"/> (ENOSPC, EROFS,
    /// EIO, ENOTDIR...), <see cref="UnauthorizedAccessException"/> (EACCES, EPERM), and the
    /// <see cref="ArgumentOutOfRangeException"/> .NET throws for EFBIG (a write past the file system's or the
    /// process's file-size limit, <c>ulimit -f</c>), whose parameter is named <c>value</c>.
    /// </summary>
    public static bool IsStorageFailure(Exception e) =>
        e is IOException or UnauthorizedAccessException or ArgumentOutOfRangeException { ParamName: "value" };

    /// <summary>
    /// The failure in a few words, without the path .NET appends to its messages (<c>No space left on device :
    /// '/x/journal.jsonl'</c>): the caller names the file itself.
    /// </summary>
    public static string Describe(Exception e)
    {
        if (e is ArgumentOutOfRangeException)
        {
            return "File too large (beyond the file system's or the process's file-size limit, see ulimit -f)";
        }

        var message = e.Message;
        var pathAt = message.LastIndexOf(" : '", StringComparison.Ordinal);
        if (pathAt > 0 && message.EndsWith('\''))
        {
            message = message[..pathAt];
        }

        return message.TrimEnd('.', ' ');
    }
}
