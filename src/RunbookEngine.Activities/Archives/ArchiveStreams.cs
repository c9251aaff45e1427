using System.IO.Compression;

namespace RunbookEngine.Activities.Archives;

/// <summary>Opening archives: gzip is recognised by its magic bytes when reading, by the file name when writing.</summary>
internal static class ArchiveStreams
{
    /// <summary>The file, opened once for every pass so that both passes read the same file (others may still read it).</summary>
    public static FileStream OpenFile(string path) =>
        new(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.SequentialScan);

    /// <summary>The tar stream of the file from its start: the file itself, or a gzip decompressor over it.</summary>
    public static Stream TarStream(FileStream file)
    {
        file.Position = 0;
        Span<byte> magic = stackalloc byte[2];
        var read = file.ReadAtLeast(magic, 2, throwOnEndOfStream: false);
        file.Position = 0;
        return read == 2 && magic[0] == 0x1f && magic[1] == 0x8b ? new GZipStream(file, CompressionMode.Decompress, leaveOpen: true) : file;
    }

    public static bool IsGzipName(string path) =>
        path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".tgz", StringComparison.OrdinalIgnoreCase);
}
