using System.Formats.Tar;

namespace RunbookEngine.Activities.Archives;

/// <summary>Walks the entries of a tar or tar.gz file from its start; an unreadable archive is an <see cref="ArchiveProblem"/>.</summary>
internal static class ArchiveReading
{
    /// <summary>Calls <paramref name="onEntry"/> for each entry but pax global headers (metadata, not files), with its position among those.</summary>
    public static async Task ForEachAsync(FileStream file, Func<TarEntry, int, Task> onEntry, CancellationToken cancellationToken)
    {
        var stream = ArchiveStreams.TarStream(file);
        try
        {
            var reader = new TarReader(stream, leaveOpen: true);
            await using (reader.ConfigureAwait(false))
            {
                var index = 0;
                while (await reader.GetNextEntryAsync(copyData: false, cancellationToken).ConfigureAwait(false) is { } entry)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    if (entry.EntryType is TarEntryType.GlobalExtendedAttributes)
                    {
                        continue;
                    }

                    await onEntry(entry, index++).ConfigureAwait(false);
                }
            }
        }
        catch (Exception ex) when (ex is InvalidDataException or EndOfStreamException or FormatException or OverflowException)
        {
            throw new ArchiveProblem(ArchiveProblem.Invalid, $"{file.Name} is not a readable tar or tar.gz archive: {ex.Message}");
        }
        finally
        {
            if (!ReferenceEquals(stream, file))
            {
                await stream.DisposeAsync().ConfigureAwait(false);
            }
        }
    }
}
