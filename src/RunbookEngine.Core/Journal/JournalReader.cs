namespace RunbookEngine.Journal;

/// <summary>
/// Reads and checks a whole journal: every line's checksum and the sequence chain. A damaged last line is what a
/// crash during an append leaves behind, so it is ignored with a warning; damage anywhere else is an error.
/// </summary>
internal static class JournalReader
{
    public static JournalReadResult Read(string path)
    {
        // Share everything: a reader must never get in the way of the process appending to the run.
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize: 0);
        return Parse(ReadAll(stream), path);
    }

    /// <param name="path">Only used in messages.</param>
    public static JournalReadResult Parse(ReadOnlySpan<byte> bytes, string path)
    {
        var entries = new List<JournalEntry>();
        var warnings = new List<JournalWarning>();
        var offset = 0;
        var lineNumber = 0;
        while (offset < bytes.Length)
        {
            lineNumber++;
            var rest = bytes[offset..];
            var newline = rest.IndexOf((byte)'\n');
            var line = newline < 0 ? rest : rest[..newline];
            var isLast = newline < 0 || newline == rest.Length - 1;
            var damage = newline < 0
                ? "the line has no newline"
                : JournalLine.CheckIntegrity(line);
            if (damage is not null)
            {
                if (isLast && CouldBeTorn(line))
                {
                    warnings.Add(new JournalWarning(
                        JournalErrorCodes.TornLastRecord,
                        path,
                        lineNumber,
                        $"the last record is incomplete or damaged ({damage}), as a crash while appending leaves it; ignored"));
                    break;
                }

                throw new JournalCorruptException(JournalErrorCodes.DamagedRecord, path, lineNumber, $"record damaged: {damage}");
            }

            var entry = Decode(line, path, lineNumber);
            var expected = entries.Count + 1L;
            if (entry.Seq < expected)
            {
                throw new JournalCorruptException(JournalErrorCodes.SequenceRepeated, path, lineNumber, $"seq {entry.Seq} repeats or goes back (expected {expected})");
            }

            if (entry.Seq > expected)
            {
                throw new JournalCorruptException(JournalErrorCodes.SequenceGap, path, lineNumber, $"seq jumps to {entry.Seq} (expected {expected}): records are missing");
            }

            entries.Add(entry);
            offset += newline + 1;
        }

        return new JournalReadResult(entries, warnings, offset, bytes.Length);
    }

    private static JournalEntry Decode(ReadOnlySpan<byte> line, string path, int lineNumber)
    {
        try
        {
            return JournalLine.Decode(line);
        }
        catch (RecordFormatException e) when (e.Code == JournalErrorCodes.WrittenByNewerEngine)
        {
            throw new JournalFromNewerEngineException(path, lineNumber, e.Message);
        }
        catch (RecordFormatException e)
        {
            throw new JournalCorruptException(e.Code, path, lineNumber, e.Message);
        }
    }

    /// <summary>
    /// An append writes one record, so a torn tail is a prefix of one record (maybe followed by zeros the file
    /// system filled in). A second record start inside it means a newline was lost between two records: damage.
    /// </summary>
    private static bool CouldBeTorn(ReadOnlySpan<byte> line) =>
        line.Length <= 1 || line[1..].IndexOf(JournalLine.RecordStart) < 0;

    private static byte[] ReadAll(FileStream stream)
    {
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }
}
