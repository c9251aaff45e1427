namespace RunbookEngine.Activities.Archives;

/// <summary>
/// Entry names as relative '/' paths below the destination. Refused outright: absolute paths (<c>/etc/x</c>,
/// <c>C:x</c>), any <c>..</c> component (even one that would stay inside: it is never needed and often an attack),
/// backslashes (a separator on Windows, a name character elsewhere: ambiguous), and NUL characters.
/// <c>.</c> components and repeated slashes are dropped, so <c>./a//b/</c> is <c>a/b</c>; the archive root is "".
/// </summary>
internal static class EntryPath
{
    /// <summary>The normalized path, or null with the reason in <paramref name="problem"/>.</summary>
    public static string? Normalize(string name, out string? problem)
    {
        problem = name switch
        {
            "" => "has an empty name",
            _ when name.Contains('\0', StringComparison.Ordinal) => "has a NUL character in its name",
            _ when name.Contains('\\', StringComparison.Ordinal) => "has a backslash in its name",
            _ when name.StartsWith('/') => "is an absolute path",
            _ when name.Length >= 2 && char.IsAsciiLetter(name[0]) && name[1] == ':' => "starts with a drive letter",
            _ when name.Split('/').Contains("..") => "has a '..' component",
            _ => null,
        };

        return problem is null ? string.Join('/', Components(name)) : null;
    }

    /// <summary>The components of a '/' path, without empty and '.' ones.</summary>
    public static string[] Components(string path) => path.Split('/', StringSplitOptions.RemoveEmptyEntries).Where(c => c != ".").ToArray();

    /// <summary>The folder holding <paramref name="path"/>, "" for the root.</summary>
    public static string Parent(string path) => path.LastIndexOf('/') is var slash and >= 0 ? path[..slash] : string.Empty;

    /// <summary>Each folder on the way to <paramref name="path"/>, outermost first, excluding the root and the path itself.</summary>
    public static IEnumerable<string> Ancestors(string path)
    {
        for (var slash = path.IndexOf('/'); slash >= 0; slash = path.IndexOf('/', slash + 1))
        {
            yield return path[..slash];
        }
    }

    public static string Full(string destination, string path) =>
        path.Length == 0 ? destination : Path.Combine(destination, path.Replace('/', Path.DirectorySeparatorChar));
}
