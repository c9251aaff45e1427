using System.Reflection;
using System.Text;
using System.Text.Json;
using RunbookEngine.Journal;

namespace RunbookEngine.Core.Tests.Journal;

public sealed class JournalLineTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 21, 3, 28, 12, 345, TimeSpan.Zero);

    public static TheoryData<string> Kinds => [.. SampleRecords.OfEachKind.Keys];

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Every_record_kind_round_trips(string kind)
    {
        var original = new JournalEntry(7, At.AddTicks(1234567), SampleRecords.OfEachKind[kind]);
        var line = JournalLine.Encode(original);

        JournalLine.CheckIntegrity(line.AsSpan(0, line.Length - 1)).ShouldBeNull();
        var decoded = JournalLine.Decode(line.AsSpan(0, line.Length - 1));

        decoded.Seq.ShouldBe(7);
        decoded.At.ShouldBe(original.At);
        decoded.At.Offset.ShouldBe(TimeSpan.Zero);
        decoded.Record.GetType().ShouldBe(original.Record.GetType());
        JournalLine.Encode(decoded).ShouldBe(line);
        if (original.Record is not (StepSucceeded or FactRecorded))
        {
            // Records holding a JsonElement have no value equality; the byte comparison above covers them.
            decoded.Record.ShouldBe(original.Record);
        }
    }

    [Fact]
    public void Json_payloads_come_back_equal()
    {
        var succeeded = (StepSucceeded)SampleRecords.OfEachKind[nameof(StepSucceeded)];
        var line = JournalLine.Encode(new JournalEntry(1, At, succeeded));
        var decoded = (StepSucceeded)JournalLine.Decode(line.AsSpan(0, line.Length - 1)).Record;
        JsonElement.DeepEquals(decoded.Outputs, succeeded.Outputs).ShouldBeTrue();
        decoded.Outputs.GetProperty("address").GetString().ShouldBe("10.0.0.2:9001");
    }

    [Fact]
    public void Every_record_class_has_a_reader_and_a_sample()
    {
        var classes = typeof(JournalRecord).Assembly.GetTypes()
            .Where(t => t.IsSubclassOf(typeof(JournalRecord)) && !t.IsAbstract)
            .Select(t => t.Name)
            .Order(StringComparer.Ordinal)
            .ToList();

        classes.Count.ShouldBe(16);
        JournalRecordTypes.Names.Order(StringComparer.Ordinal).ShouldBe(classes);
        SampleRecords.OfEachKind.Keys.Order(StringComparer.Ordinal).ShouldBe(classes);
    }

    [Fact]
    public void The_line_is_the_documented_recipe_byte_for_byte()
    {
        var entry = new JournalEntry(3, At, new StepStarted("restore/copy-data", 2, 1));
        var expected = SampleRecords.Line(
            """{"seq":3,"at":"2026-11-21T03:28:12.3450000Z","type":"StepStarted","step":"restore/copy-data","item":2,"attempt":1}""");

        Encoding.UTF8.GetString(JournalLine.Encode(entry)).ShouldBe(expected);
    }

    [Fact]
    public void Member_order_is_fixed_and_null_items_are_written()
    {
        var text = Encoding.UTF8.GetString(JournalLine.Encode(new JournalEntry(1, At, new StepFailed("backup", null, "DiskFull", "no space", true))));
        text.ShouldStartWith("""{"seq":1,"at":"2026-11-21T03:28:12.3450000Z","type":"StepFailed","step":"backup","item":null,"errorType":"DiskFull","message":"no space","retryable":true,"crc":""");
        text.ShouldEndWith("\"}\n");
    }

    [Fact]
    public void Messages_stay_readable_by_hand()
    {
        var text = Encoding.UTF8.GetString(JournalLine.Encode(new JournalEntry(1, At, new RunPaused("can't go on — <ok> & \"quoted\"\nnext"))));
        text.ShouldContain("""can't go on — <ok> & \"quoted\"\nnext""");
        text.Count(c => c == '\n').ShouldBe(1);
    }

    [Fact]
    public void A_flipped_bit_anywhere_in_a_line_is_detected()
    {
        foreach (var record in SampleRecords.OfEachKind.Values)
        {
            var encoded = JournalLine.Encode(new JournalEntry(12, At, record));
            var line = encoded.AsSpan(0, encoded.Length - 1).ToArray();
            for (var offset = 0; offset < line.Length; offset++)
            {
                for (var bit = 0; bit < 8; bit++)
                {
                    line[offset] ^= (byte)(1 << bit);
                    JournalLine.CheckIntegrity(line).ShouldNotBeNull($"{record.Type}: bit {bit} of byte {offset} flipped");
                    line[offset] ^= (byte)(1 << bit);
                }
            }

            JournalLine.CheckIntegrity(line).ShouldBeNull();
        }
    }

    [Theory]
    [InlineData("""{"seq":1,"at":"2026-11-21T03:28:12.0000000Z","type":"RunStarted"}""", null)]
    [InlineData("""{"seq":1,"at":"2026-11-21T03:28:12.0000000Z","type":"RunStarted","crc":"00000000"}""", "checksum mismatch")]
    [InlineData("""{"seq":1,"at":"2026-11-21T03:28:12.0000000Z","type":"RunStarted","crc":"ABCDEF01"}""", "no \"crc\" member")]
    [InlineData("""{"seq":1}""", "not a complete record")]
    [InlineData("", "not a complete record")]
    public void Integrity_problems_are_named(string line, string? problem)
    {
        var bytes = line.Length > 0 && problem is null ? SampleRecords.Bytes(SampleRecords.Line(line))[..^1] : Encoding.UTF8.GetBytes(line);
        var result = JournalLine.CheckIntegrity(bytes);
        if (problem is null)
        {
            result.ShouldBeNull();
        }
        else
        {
            result.ShouldNotBeNull().ShouldContain(problem);
        }
    }

    [Theory]
    [InlineData("""{"seq":2,"at":"2026-11-21T03:28:12.0000000Z","type":"StepCompensated","step":"wipe","item":null}""", "record type 'StepCompensated' is unknown")]
    [InlineData("""{"seq":2,"at":"2026-11-21T03:28:12.0000000Z","type":"RunStarted","by":"alice"}""", "member 'by'")]
    [InlineData("""{"seq":2,"at":"2026-11-21T03:28:12.0000000Z","type":"InDoubtResolved","step":"wipe","item":1,"decision":"compensate","by":"bob"}""", "decision 'compensate'")]
    public void Records_from_a_newer_engine_are_refused(string json, string expected)
    {
        var line = SampleRecords.Bytes(SampleRecords.Line(json))[..^1];
        JournalLine.CheckIntegrity(line).ShouldBeNull();

        var error = Should.Throw<RecordFormatException>(() => JournalLine.Decode(line));
        error.Code.ShouldBe(JournalErrorCodes.WrittenByNewerEngine);
        error.Message.ShouldContain(expected);
        error.Message.ShouldContain("newer engine");
    }

    [Theory]
    [InlineData("""{"seq":2,"at":"2026-11-21T03:28:12.0000000Z","type":"StepStarted","step":"wipe","item":null}""", "'attempt' is missing")]
    [InlineData("""{"seq":2,"at":"2026-11-21T03:28:12.0000000Z","type":"StepStarted","step":7,"item":null,"attempt":1}""", "'step' must be a string")]
    [InlineData("""{"seq":2,"at":"2026-11-21T03:28:12.0000000Z","type":"StepFailed","step":"a","item":null,"errorType":"E","message":"m","retryable":"yes"}""", "'retryable' must be true or false")]
    [InlineData("""{"seq":2,"at":"21/11/2026 03:28","type":"RunStarted"}""", "'at' is missing or not a UTC time")]
    [InlineData("""{"seq":0,"at":"2026-11-21T03:28:12.0000000Z","type":"RunStarted"}""", "'seq' is missing or not a positive")]
    [InlineData("""{"seq":2,"at":"2026-11-21T03:28:12.0000000Z","at":"2026-11-21T03:28:12.0000000Z","type":"RunStarted"}""", "not valid JSON")]
    [InlineData("""{"seq":2,"at":"2026-11-21T03:28:12.0000000Z"}""", "'type' is missing")]
    [InlineData("""{"seq":2,"at":"2026-11-21T03:28:12.0000000Z","type":"RunStarted",}""", "not valid JSON")]
    public void Intact_but_invalid_records_are_refused(string json, string expected)
    {
        var line = SampleRecords.Bytes(SampleRecords.Line(json))[..^1];

        var error = Should.Throw<RecordFormatException>(() => JournalLine.Decode(line));
        error.Code.ShouldBe(JournalErrorCodes.InvalidRecord);
        error.Message.ShouldContain(expected);
    }

    [Fact]
    public void Optional_members_missing_from_an_older_journal_read_as_null()
    {
        var line = SampleRecords.Bytes(SampleRecords.Line(
            """{"seq":2,"at":"2026-11-21T03:28:12.0000000Z","type":"StepStarted","step":"wipe","attempt":1}"""))[..^1];
        ((StepStarted)JournalLine.Decode(line).Record).Item.ShouldBeNull();
    }

    [Fact]
    public void Record_type_names_are_their_class_names()
    {
        // Renaming a class must not silently rename what is on disk: this pins every name.
        SampleRecords.OfEachKind.Values.ShouldAllBe(r => r.Type == r.GetType().Name);
        typeof(JournalRecord).GetProperty(nameof(JournalRecord.Type), BindingFlags.Public | BindingFlags.Instance).ShouldNotBeNull();
        JournalRecordTypes.Names.Order(StringComparer.Ordinal).ShouldBe(
        [
            "ApprovalGranted", "ApprovalRequested", "FactRecorded", "InDoubtResolved", "RetryScheduled", "RunCancelled",
            "RunCreated", "RunFailed", "RunPaused", "RunResumed", "RunStarted", "RunSucceeded", "StepFailed",
            "StepSkipped", "StepStarted", "StepSucceeded",
        ]);
    }
}
