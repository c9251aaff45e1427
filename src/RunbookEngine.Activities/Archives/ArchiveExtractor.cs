using System.Formats.Tar;
using System.Security.Cryptography;
using RunbookEngine.Activities.Config;
using RunbookEngine.Activities.Context;

namespace RunbookEngine.Activities.Archives;

/// <summary>
/// The extracting pass: reads the archive again and writes only entries the checking pass approved, each compared
/// with its checked record first (a file swapped in between is caught before anything of it is written). Files are
/// written to a temporary name, flushed and renamed, so a crash leaves whole files only; folder permissions are
/// applied last, so a read-only folder in the archive does not stop its own content.
/// </summary>
internal sealed class ArchiveExtractor(string destination, IReadOnlyList<ArchiveEntry> checkedEntries, ActivityContext context)
{
    private const UnixFileMode Permissions = (UnixFileMode)0x1FF; // rwxrwxrwx: set-id and sticky bits are never extracted.

    private readonly List<ArchiveEntry> _newFolders = [];
    private long _bytesDone;

    public async Task ExtractAsync(FileStream archive, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(destination);
        var total = checkedEntries.Sum(e => e.Size);
        await ArchiveReading.ForEachAsync(archive, async (entry, index) =>
        {
            var expected = index < checkedEntries.Count ? checkedEntries[index] : null;
            if (expected is null || expected.Name != entry.Name || ArchiveEntry.KindOf(entry.EntryType) != expected.Kind
                || expected.Size != entry.Length || !LinkMatches(entry, expected))
            {
                throw new ArchiveProblem(ArchiveProblem.Changed, $"the archive changed while it was being extracted (entry {index + 1}, '{entry.Name}'); stopped before writing that entry");
            }

            if (expected.State is not EntryState.Same && expected.Path.Length > 0)
            {
                await WriteAsync(entry, expected, cancellationToken).ConfigureAwait(false);
            }

            _bytesDone += expected.Size;
            context.Progress.Report(new ActivityProgress(_bytesDone, total, context.Redactor.Redact(expected.Path)));
        }, cancellationToken).ConfigureAwait(false);

        if (!OperatingSystem.IsWindows())
        {
            foreach (var folder in _newFolders.OrderByDescending(f => f.Path.Length))
            {
                var full = EntryPath.Full(destination, folder.Path);
                File.SetUnixFileMode(full, folder.Mode & Permissions);
                Directory.SetLastWriteTimeUtc(full, folder.Modified.UtcDateTime);
            }
        }
    }

    private static bool LinkMatches(TarEntry entry, ArchiveEntry expected) => expected.Kind switch
    {
        EntryKind.SymbolicLink => entry.LinkName == expected.LinkTarget,
        EntryKind.HardLink => EntryPath.Normalize(entry.LinkName, out _) == expected.LinkTarget,
        _ => true,
    };

    private async Task WriteAsync(TarEntry entry, ArchiveEntry expected, CancellationToken cancellationToken)
    {
        var full = EntryPath.Full(destination, expected.Path);
        EnsureFolders(EntryPath.Parent(expected.Path));
        switch (expected.Kind)
        {
            case EntryKind.Directory:
                EnsureFolders(expected.Path);
                _newFolders.Add(expected);
                break;
            case EntryKind.SymbolicLink:
                if (File.Exists(full) || new FileInfo(full).LinkTarget is not null)
                {
                    File.Delete(full);
                }

                File.CreateSymbolicLink(full, expected.LinkTarget!);
                break;
            case EntryKind.HardLink:
                // No hard links: .NET has no API for them, and a copy restores the same data.
                var source = File.OpenRead(EntryPath.Full(destination, expected.LinkedFile!.Path));
                await using (source.ConfigureAwait(false))
                {
                    await WriteFileAsync(full, source, expected.LinkedFile, cancellationToken).ConfigureAwait(false);
                }

                break;
            default:
                await WriteFileAsync(full, entry.DataStream ?? Stream.Null, expected, cancellationToken).ConfigureAwait(false);
                break;
        }
    }

    /// <summary>Writes under a temporary name, checks the data is what the checking pass hashed, then renames.</summary>
    private async Task WriteFileAsync(string full, Stream data, ArchiveEntry file, CancellationToken cancellationToken)
    {
        var temp = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.partial");
        try
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var output = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous);
            await using (output.ConfigureAwait(false))
            {
                var buffer = new byte[81920];
                int read;
                while ((read = await data.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
                {
                    hash.AppendData(buffer, 0, read);
                    await output.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                }

                output.Flush(flushToDisk: true);
            }

            if (Convert.ToHexStringLower(hash.GetHashAndReset()) != file.Sha256)
            {
                throw new ArchiveProblem(ArchiveProblem.Changed, $"'{file.Name}' has other data than when the archive was checked; stopped");
            }

            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(temp, file.Mode & Permissions);
            }

            File.SetLastWriteTimeUtc(temp, file.Modified.UtcDateTime);
            File.Move(temp, full, overwrite: true);
        }
        catch
        {
            AtomicFile.TryDelete(temp);
            throw;
        }
    }

    /// <summary>
    /// Creates the folders of a path one by one, refusing any that is (or has become since the check) a symbolic
    /// link, so nothing is ever written through a link, whatever happened to the destination in between.
    /// </summary>
    private void EnsureFolders(string relative)
    {
        var current = destination;
        foreach (var component in EntryPath.Components(relative))
        {
            current = Path.Combine(current, component);
            if (new FileInfo(current).LinkTarget is not null)
            {
                throw new ArchiveProblem(ArchiveProblem.UnsafeDestination, $"{current} became a symbolic link during extraction; stopped");
            }

            Directory.CreateDirectory(current);
        }
    }
}
