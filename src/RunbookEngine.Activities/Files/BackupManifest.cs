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

    public static IReadOnlyList<ManifestEntry> Read(string path) =>
        File.ReadAllLines(path, Encoding.UTF8)
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .Select(line =>
            {
                var parts = line.Split("  ", 3);
                return new ManifestEntry(parts[2], long.Parse(parts[1], CultureInfo.InvariantCulture), parts[0]);
            })
            .ToList();
}
