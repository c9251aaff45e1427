using System.Formats.Tar;
using System.IO.Compression;

namespace RunbookEngine.Activities.Tests.Archives;

/// <summary>Writes tar files entry by entry, malicious ones included: TarWriter writes whatever names and link targets it is given.</summary>
internal sealed class TarBuilder
{
    private readonly List<PaxTarEntry> _entries = [];

    public TarBuilder File(string name, string content = "data", UnixFileMode? mode = null)
    {
        var entry = new PaxTarEntry(TarEntryType.RegularFile, name)
        {
            DataStream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(content)),
            ModificationTime = new DateTimeOffset(2024, 5, 6, 7, 8, 9, TimeSpan.Zero),
        };
        if (mode is { } m)
        {
            entry.Mode = m;
        }

        _entries.Add(entry);
        return this;
    }

    public TarBuilder Folder(string name, UnixFileMode? mode = null)
    {
        var entry = new PaxTarEntry(TarEntryType.Directory, name);
        if (mode is { } m)
        {
            entry.Mode = m;
        }

        _entries.Add(entry);
        return this;
    }

    public TarBuilder Symlink(string name, string target) => Add(new PaxTarEntry(TarEntryType.SymbolicLink, name) { LinkName = target });

    public TarBuilder HardLink(string name, string target) => Add(new PaxTarEntry(TarEntryType.HardLink, name) { LinkName = target });

    public TarBuilder Special(TarEntryType type, string name) =>
        Add(type is TarEntryType.Fifo ? new PaxTarEntry(type, name) : new PaxTarEntry(type, name) { DeviceMajor = 1, DeviceMinor = 3 });

    public string WriteTo(string path, bool gzip = false)
    {
        using var file = System.IO.File.Create(path);
        using var compressed = gzip ? new GZipStream(file, CompressionLevel.Fastest) : (Stream)file;
        using (var writer = new TarWriter(compressed, TarEntryFormat.Pax, leaveOpen: true))
        {
            foreach (var entry in _entries)
            {
                entry.DataStream?.Seek(0, SeekOrigin.Begin);
                writer.WriteEntry(entry);
            }
        }

        return path;
    }

    private TarBuilder Add(PaxTarEntry entry)
    {
        _entries.Add(entry);
        return this;
    }
}
