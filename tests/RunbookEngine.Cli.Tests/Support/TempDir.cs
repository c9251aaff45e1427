using System.Text.RegularExpressions;

namespace RunbookEngine.Cli.Tests.Support;

/// <summary>A fresh folder under the system temp folder, deleted on dispose. Its path prints as &lt;tmp&gt; in snapshots.</summary>
internal sealed class TempDir : IDisposable
{
    private const string Prefix = "rbcli-";

    public TempDir()
    {
        Path = System.IO.Path.Combine(Base, Prefix + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    /// <summary>Where every test's folder lives; <see cref="Pattern"/> recognises any of them.</summary>
    public static string Base { get; } = System.IO.Path.GetFullPath(System.IO.Path.GetTempPath()).TrimEnd(System.IO.Path.DirectorySeparatorChar);

    public string Path { get; }

    /// <summary>Writes <paramref name="text"/> to a file under this folder, creating folders as needed, and returns its full path.</summary>
    public string Write(string relativePath, string text)
    {
        var full = Combine(relativePath);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.WriteAllText(full, text);
        return full;
    }

    public string Combine(string relativePath) => System.IO.Path.Combine(Path, relativePath.Replace('/', System.IO.Path.DirectorySeparatorChar));

    /// <summary>Every file under the folder, relative and with '/', sorted: what a command left on disk.</summary>
    public IReadOnlyList<string> Files() =>
        Directory.EnumerateFiles(Path, "*", SearchOption.AllDirectories)
            .Select(f => System.IO.Path.GetRelativePath(Path, f).Replace(System.IO.Path.DirectorySeparatorChar, '/'))
            .Order(StringComparer.Ordinal)
            .ToList();

    /// <summary>Replaces the path of any test folder in <paramref name="text"/> with &lt;tmp&gt;.</summary>
    public static string Normalise(string text) => Pattern.Replace(text, "<tmp>");

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is not worth failing a test over.
        }
    }

    private static readonly Regex Pattern = new(Regex.Escape(System.IO.Path.Combine(Base, Prefix)) + "[0-9a-f]{32}", RegexOptions.CultureInvariant);
}
