using Microsoft.Win32.SafeHandles;

namespace RunbookEngine.Activities.Cowsql.Inspection;

/// <summary>
/// The only way this feature opens files: read access, and sharing that never blocks a running
/// node (it may still be writing or renaming). Nothing here can create, truncate or write.
/// </summary>
internal static class ReadOnlyFiles
{
    public static SafeFileHandle Open(NodeFile file) =>
        File.OpenHandle(file.Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, FileOptions.SequentialScan);

    /// <summary>Reads a small file whole; null (and a problem) when it is unreadable or larger than <paramref name="limit"/>.</summary>
    public static byte[]? ReadSmall(NodeFile file, int limit, List<Problem> problems)
    {
        try
        {
            using var handle = Open(file);
            var length = RandomAccess.GetLength(handle);
            if (length > limit)
            {
                problems.Add(new Problem(ProblemKind.FileUnreadable, ProblemSeverity.Warning, $"file has {length} bytes, more than the {limit} expected; not read", file.Name));
                return null;
            }

            var bytes = new byte[length];
            var read = 0;
            while (read < bytes.Length)
            {
                var n = RandomAccess.Read(handle, bytes.AsSpan(read), read);
                if (n == 0)
                {
                    return bytes[..read];
                }

                read += n;
            }

            return bytes;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            problems.Add(Unreadable(file, ex));
            return null;
        }
    }

    public static Problem Unreadable(NodeFile file, Exception ex) =>
        new(ProblemKind.FileUnreadable, ProblemSeverity.Error, $"cannot read: {ex.Message}", file.Name);
}
