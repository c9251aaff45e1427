using System.Formats.Tar;
using System.Security.Cryptography;
using System.Text;

namespace RunbookEngine.Activities.DeviceDb.Cli;

/// <summary>What a downloaded node snapshot tar holds, and what is wrong with it.</summary>
internal sealed record ArchiveReport(int Files, long Bytes, string Sha256, string Uuid, IReadOnlyList<string> Problems)
{
    public bool Ok => Problems.Count == 0;
}

/// <summary>
/// Checks a node's snapshot tar without extracting it. Upstream (routes/snapshot.go) streams a flat list of the
/// snapshot LevelDB's files; the snapshot's identity is the metadata record key <c>\x02UUID</c> with the uuid as
/// value (storage/storageEngine.go:662), written last and so found verbatim in the LevelDB write-ahead log (*.log),
/// whose records are not compressed.
/// </summary>
internal static class SnapshotArchive
{
    private static readonly byte[] UuidKey = "\u0002UUID"u8.ToArray();

    public static ArchiveReport Inspect(string path, string expectedUuid)
    {
        var problems = new List<string>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        string? current = null;
        string? uuid = null;
        var files = 0;
        long bytes = 0;
        using var stream = File.OpenRead(path);
        using (var reader = new TarReader(stream, leaveOpen: true))
        {
            try
            {
                while (reader.GetNextEntry(copyData: false) is { } entry)
                {
                    var name = entry.Name;
                    if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile))
                    {
                        problems.Add($"{name}: a {entry.EntryType} entry; a devicedb snapshot holds only files");
                        continue;
                    }

                    if (name.Length == 0 || name.Contains('/', StringComparison.Ordinal) || name.Contains('\\', StringComparison.Ordinal) || name is "." or "..")
                    {
                        problems.Add($"{name}: not a flat file name; a devicedb snapshot is a flat list of files");
                        continue;
                    }

                    if (!names.Add(name))
                    {
                        problems.Add($"{name}: appears twice");
                    }

                    files++;
                    bytes += entry.Length;
                    using var data = new MemoryStream();
                    entry.DataStream?.CopyTo(data);
                    var content = data.ToArray();
                    if (name == "CURRENT")
                    {
                        current = Encoding.ASCII.GetString(content).Trim();
                    }
                    else if (name.EndsWith(".log", StringComparison.Ordinal) && FindUuid(content) is { } found)
                    {
                        uuid = found;
                    }
                }
            }
            catch (Exception ex) when (ex is InvalidDataException or FormatException or EndOfStreamException)
            {
                problems.Add($"not a readable tar: {ex.Message}");
            }
        }

        if (current is null)
        {
            problems.Add("no CURRENT file: not a LevelDB snapshot");
        }
        else if (!names.Contains(current))
        {
            problems.Add($"CURRENT names {current}, which is not in the archive");
        }

        if (uuid is null)
        {
            problems.Add("no snapshot UUID metadata record: the snapshot is incomplete (get_snapshot would say failed)");
        }
        else if (uuid != expectedUuid)
        {
            problems.Add($"the snapshot UUID is {uuid}, not {expectedUuid}: this tar belongs to another cluster snapshot");
        }

        stream.Position = 0;
        var sha = Convert.ToHexStringLower(SHA256.HashData(stream));
        return new ArchiveReport(files, bytes, sha, uuid ?? string.Empty, problems);
    }

    private static string? FindUuid(byte[] content)
    {
        var at = content.AsSpan().IndexOf(UuidKey);
        if (at < 0 || content.Length < at + UuidKey.Length + 36)
        {
            return null;
        }

        var text = Encoding.ASCII.GetString(content, at + UuidKey.Length, 36);
        return Guid.TryParse(text, out _) ? text : null;
    }
}
