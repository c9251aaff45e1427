using RunbookEngine.Core.Tests.Support;
using RunbookEngine.Journal;

namespace RunbookEngine.Core.Tests.Journal;

public sealed class JournalReaderTests : IDisposable
{
    private const string Path = "/state/runs/x/journal.jsonl";
    private static readonly DateTimeOffset At = new(2026, 11, 21, 3, 28, 12, TimeSpan.Zero);

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Reads_every_record_in_order()
    {
        var result = JournalReader.Parse(SampleRecords.Journal(6, out _), Path);

        result.Entries.Select(e => e.Seq).ShouldBe([1L, 2, 3, 4, 5, 6]);
        result.Entries[0].Record.ShouldBeOfType<RunCreated>();
        result.Warnings.ShouldBeEmpty();
        result.HasTornTail.ShouldBeFalse();
    }

    [Fact]
    public void An_empty_journal_has_no_records()
    {
        var result = JournalReader.Parse([], Path);
        result.Entries.ShouldBeEmpty();
        result.LastSeq.ShouldBe(0);
        result.Warnings.ShouldBeEmpty();
    }

    [Fact]
    public void A_torn_last_record_is_ignored_at_every_byte_offset()
    {
        var bytes = SampleRecords.Journal(4, out var lines);
        var cleanLength = bytes.Length - lines[^1].Length;
        for (var kept = 1; kept < lines[^1].Length; kept++)
        {
            var result = JournalReader.Parse(bytes.AsSpan(0, cleanLength + kept), Path);

            result.Entries.Count.ShouldBe(3, $"{kept} bytes of the last record kept");
            result.ValidLength.ShouldBe(cleanLength);
            var warning = result.Warnings.ShouldHaveSingleItem();
            warning.Code.ShouldBe(JournalErrorCodes.TornLastRecord);
            warning.Line.ShouldBe(4);
            warning.ToString().ShouldStartWith($"{Path}:4: RB0906 ");
        }

        JournalReader.Parse(bytes.AsSpan(0, cleanLength), Path).Warnings.ShouldBeEmpty();
        JournalReader.Parse(bytes, Path).Entries.Count.ShouldBe(4);
    }

    [Fact]
    public void A_torn_record_padded_with_zeros_is_ignored()
    {
        // Some file systems extend the size before the data lands, leaving zeros after a crash.
        var bytes = SampleRecords.Journal(3, out var lines);
        var torn = bytes[..^(lines[^1].Length / 2)].Concat(new byte[4096]).ToArray();

        var result = JournalReader.Parse(torn, Path);

        result.Entries.Count.ShouldBe(2);
        result.Warnings.ShouldHaveSingleItem().Code.ShouldBe(JournalErrorCodes.TornLastRecord);
    }

    [Fact]
    public void A_damaged_byte_before_the_last_record_is_an_error_naming_the_line()
    {
        var bytes = SampleRecords.Journal(4, out var lines);
        var lineStart = 0;
        for (var line = 0; line < 3; line++)
        {
            for (var offset = 0; offset < lines[line].Length; offset++)
            {
                foreach (var mask in new byte[] { 0x01, 0x20, 0x80 })
                {
                    var damaged = (byte[])bytes.Clone();
                    damaged[lineStart + offset] ^= mask;

                    var error = Should.Throw<JournalCorruptException>(() => JournalReader.Parse(damaged, Path), $"line {line + 1}, byte {offset}, mask {mask:x2}");

                    error.Code.ShouldBe(JournalErrorCodes.DamagedRecord);
                    error.Line.ShouldBe(line + 1);
                    error.FilePath.ShouldBe(Path);
                    error.Message.ShouldStartWith($"{Path}:{line + 1}: RB0901 record damaged");
                }
            }

            lineStart += lines[line].Length;
        }
    }

    [Fact]
    public void A_damaged_last_record_is_ignored_like_a_torn_one()
    {
        var bytes = SampleRecords.Journal(3, out var lines);
        var start = bytes.Length - lines[^1].Length;
        for (var offset = start; offset < bytes.Length; offset++)
        {
            var damaged = (byte[])bytes.Clone();
            damaged[offset] ^= 0x01;

            var result = JournalReader.Parse(damaged, Path);

            result.Entries.Count.ShouldBe(2);
            result.ValidLength.ShouldBe(start);
            result.Warnings.ShouldHaveSingleItem().Line.ShouldBe(3);
        }
    }

    [Fact]
    public void A_lost_newline_before_the_last_record_is_not_mistaken_for_a_torn_tail()
    {
        // Two records run together cannot come from one interrupted append; dropping both would lose a synced record.
        var bytes = SampleRecords.Journal(3, out var lines);
        bytes[lines[0].Length + lines[1].Length - 1] = (byte)' ';

        var error = Should.Throw<JournalCorruptException>(() => JournalReader.Parse(bytes, Path));
        error.Line.ShouldBe(2);
        error.Code.ShouldBe(JournalErrorCodes.DamagedRecord);
    }

    [Theory]
    [InlineData(new long[] { 1, 2, 4, 5 }, 3, JournalErrorCodes.SequenceGap, "seq jumps to 4 (expected 3)")]
    [InlineData(new long[] { 2, 3 }, 1, JournalErrorCodes.SequenceGap, "seq jumps to 2 (expected 1)")]
    [InlineData(new long[] { 1, 2, 2, 3 }, 3, JournalErrorCodes.SequenceRepeated, "seq 2 repeats or goes back (expected 3)")]
    [InlineData(new long[] { 1, 2, 3, 1 }, 4, JournalErrorCodes.SequenceRepeated, "seq 1 repeats or goes back (expected 4)")]
    [InlineData(new long[] { 1, 2, 2 }, 3, JournalErrorCodes.SequenceRepeated, "seq 2 repeats")]
    public void A_broken_sequence_is_an_error_even_on_the_last_line(long[] seqs, int line, string code, string message)
    {
        var bytes = seqs.SelectMany((seq, i) => JournalLine.Encode(new JournalEntry(seq, At.AddSeconds(i), new RunResumed()))).ToArray();

        var error = Should.Throw<JournalCorruptException>(() => JournalReader.Parse(bytes, Path));

        error.Code.ShouldBe(code);
        error.Line.ShouldBe(line);
        error.Message.ShouldContain(message);
        error.Message.ShouldContain("docs/journal-format.md");
    }

    [Fact]
    public void A_record_from_a_newer_engine_is_an_error_even_on_the_last_line()
    {
        var bytes = SampleRecords.Journal(2, out _).Concat(SampleRecords.Bytes(SampleRecords.Line(
            """{"seq":3,"at":"2026-11-21T03:28:15.0000000Z","type":"StepCompensated","step":"wipe","item":null}"""))).ToArray();

        var error = Should.Throw<JournalFromNewerEngineException>(() => JournalReader.Parse(bytes, Path));

        error.Code.ShouldBe("RB0905");
        error.Line.ShouldBe(3);
        error.Message.ShouldContain("journal was written by a newer engine");
        error.Message.ShouldContain("Use the engine version that wrote this run");
    }

    [Fact]
    public void An_intact_but_invalid_record_is_an_error_even_on_the_last_line()
    {
        var bytes = SampleRecords.Journal(2, out _).Concat(SampleRecords.Bytes(SampleRecords.Line(
            """{"seq":3,"at":"2026-11-21T03:28:15.0000000Z","type":"StepStarted","step":"wipe"}"""))).ToArray();

        var error = Should.Throw<JournalCorruptException>(() => JournalReader.Parse(bytes, Path));
        error.Code.ShouldBe(JournalErrorCodes.InvalidRecord);
        error.Line.ShouldBe(3);
        error.Message.ShouldContain("'attempt' is missing");
    }

    [Fact]
    public void Reads_from_a_file()
    {
        var path = System.IO.Path.Combine(_dir.Path, "journal.jsonl");
        var bytes = SampleRecords.Journal(3, out _);
        File.WriteAllBytes(path, bytes[..^5]);

        var result = JournalReader.Read(path);

        result.Entries.Count.ShouldBe(2);
        result.Warnings.ShouldHaveSingleItem().FilePath.ShouldBe(path);
        result.FileLength.ShouldBe(bytes.Length - 5);
    }
}
