namespace RunbookEngine.Activities.Files;

/// <summary>
/// Paths as the file system resolves them, for safety checks: <c>/data/node2/link/x</c> is not inside
/// <c>/data/node2</c> when <c>link</c> points at <c>/etc</c>. Comparisons are ordinal, as Linux names are.
/// </summary>
internal static class RealPath
{
    // Linux gives up (ELOOP) after 40 links in one lookup; so do we, instead of looping on a cycle.
    private const int MaxLinks = 40;

    /// <summary>The full path with every symbolic link along it resolved, as far as it exists; a missing rest is kept as written.</summary>
    public static string Of(string fullPath)
    {
        var root = Path.GetPathRoot(fullPath) ?? "/";
        var parts = Split(fullPath, root);
        var current = root;
        var links = 0;
        for (var i = 0; i < parts.Count; i++)
        {
            var next = Path.Join(current, parts[i]);
            if (new FileInfo(next).LinkTarget is not { } target)
            {
                current = next;
                continue;
            }

            if (++links > MaxLinks)
            {
                throw new IOException($"too many levels of symbolic links in {fullPath}");
            }

            // A relative target is relative to the link's folder; start again from the root with the rest appended.
            var resolved = Path.GetFullPath(target, current);
            parts = [.. Split(resolved, root), .. parts.Skip(i + 1)];
            current = root;
            i = -1;
        }

        return current;
    }

    /// <summary>
    /// Where an operation on the entry itself (remove, rename) happens: its folder resolved, its own name kept, so a
    /// link is the link and not what it points at.
    /// </summary>
    public static string OfEntry(string fullPath)
    {
        var trimmed = Path.TrimEndingDirectorySeparator(fullPath);
        var parent = Path.GetDirectoryName(trimmed);
        return parent is null ? trimmed : Path.Join(Of(parent), Path.GetFileName(trimmed));
    }

    public static bool IsSameOrInside(string path, string folder)
    {
        path = Path.TrimEndingDirectorySeparator(path);
        folder = Path.TrimEndingDirectorySeparator(folder);
        return path.Equals(folder, StringComparison.Ordinal)
            || path.StartsWith(folder.EndsWith(Path.DirectorySeparatorChar) ? folder : folder + Path.DirectorySeparatorChar, StringComparison.Ordinal);
    }

    private static List<string> Split(string fullPath, string root) =>
        [.. fullPath[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries)];
}
