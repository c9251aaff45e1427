using System.Globalization;
using System.Text;

namespace RunbookEngine.Activities.Files;

/// <summary>One file of a backup as the manifest records it.</summary>
internal sealed record ManifestEntry(string RelativePath, long Size, string Sha256);

/// <summary>
/// <c>MANIFEST.sha256</c>: one line per file, <c>&lt;sha256&gt;  &lt;size&gt;  &lt;relative path&gt;</c>, sorted by path.
/// The path comes last so it may contain spaces; '/' separates folders on every OS. Lines starting with '#' are comments.
/// </summary>
internal static class BackupManifest
{
    public const string FileName = "MANIFEST.sha256";
    private const string Header = "# fs.backup manifest: SHA-256, size in bytes, path relative to this folder";

    public static async Task WriteAsync(string path, IEnumerable<ManifestEntry> entries, CancellationToken cancellationToken)
    {
        var text = new StringBuilder(Header).Append('\n');
        foreach (var entry in entries.OrderBy(e => e.RelativePath, StringComparer.Ordinal))
        {
            text.Append(CultureInfo.InvariantCulture, $"{entry.Sha256}  {entry.Size}  {entry.RelativePath}\n");
        }

        await using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None);
        await stream.WriteAsync(Encoding.UTF8.GetBytes(text.ToString()), cancellationToken).ConfigureAwait(false);

        // The manifest is the proof the backup is complete; it must survive a power cut like the data does.
        stream.Flush(flushToDisk: true);
    }

    /// <summary>
    /// The entries of a manifest. A line that does not parse, or a path that could leave the backup folder
    /// (absolute, '..', empty segments), is an <see cref="InvalidDataException"/> naming the line: a manifest is
    /// trusted to say where restored files go.
    /// </summary>
    public static IReadOnlyList<ManifestEntry> Read(string path)
    {
        var entries = new List<ManifestEntry>();
        var number = 0;
        foreach (var line in File.ReadLines(path, Encoding.UTF8))
        {
            number++;
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var parts = line.Split("  ", 3);
            if (parts.Length != 3 || parts[0].Length != 64 || !parts[0].All(char.IsAsciiHexDigitLower)
                || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var size) || !IsSafeRelative(parts[2]))
            {
                throw new InvalidDataException($"line {number} of {FileName} is not '<sha256>  <size>  <relative path>'");
            }

            entries.Add(new ManifestEntry(parts[2], size, parts[0]));
        }

        return entries;
    }

    private static bool IsSafeRelative(string path) =>
        path.Length > 0 && !path.StartsWith('/') && path.Split('/').All(segment => segment is not ("" or "." or ".."));
}
