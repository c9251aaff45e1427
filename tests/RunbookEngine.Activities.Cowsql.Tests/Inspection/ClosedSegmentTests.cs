using RunbookEngine.Activities.Cowsql.Inspection;
using RunbookEngine.Activities.Cowsql.Tests.TestSupport;

namespace RunbookEngine.Activities.Cowsql.Tests.Inspection;

/// <summary>Closed segments: raft's uvSegmentLoadClosed refuses any damage (reference §2.3).</summary>
public sealed class ClosedSegmentTests
{
    private const string Second = "0000000000000002-0000000000000003";

    [Fact]
    public void Header_checksum_mismatch_stops_the_log_before_the_segment()
    {
        using var node = WithSecondSegment();
        Flip(node, Second, 8 + 16 + 2); // inside the first entry header's term

        var report = node.Inspect();

        Single(report, ProblemKind.ChecksumMismatch).Message.ShouldBe($"load closed segment {Second}: entries batch 1 starting at byte 8: header checksum mismatch");
        report.LastIndex.ShouldBe(1UL);
        report.Segments.Single(s => s.Name == Second).InLog.ShouldBeFalse();
    }

    [Fact]
    public void Data_checksum_mismatch_in_a_later_batch()
    {
        using var node = WithSecondSegment();
        var firstBatch = RaftBytes.Batch(Entry.Command(1)).Length;
        Flip(node, Second, 8 + firstBatch + 32 + 5); // inside the second batch's payload

        var report = node.Inspect();

        Single(report, ProblemKind.ChecksumMismatch).Message.ShouldBe($"load closed segment {Second}: entries batch 2 starting at byte {8 + firstBatch}: data checksum mismatch");
        report.LastIndex.ShouldBe(1UL);
    }

    [Fact]
    public void Payload_checksums_of_closed_segments_can_be_skipped_on_request()
    {
        using var node = WithSecondSegment();
        Flip(node, Second, 8 + 32 + 5);

        NodeInspector.Inspect(node.Path, new InspectOptions(VerifyClosedSegmentData: false)).LastIndex.ShouldBe(3UL);
        NodeInspector.Inspect(node.Path).LastIndex.ShouldBe(1UL);
    }

    [Fact]
    public void File_ending_inside_a_batch_is_truncated()
    {
        using var node = WithSecondSegment();
        Cut(node, Second, 20);

        Single(node.Inspect(), ProblemKind.SegmentTruncated).Message.ShouldEndWith("read data: short read: 44 bytes instead of 64");
    }

    [Fact]
    public void Fewer_entries_than_the_name_says()
    {
        using var node = new NodeDirectoryBuilder().Bootstrapped();
        node.File(Second, RaftBytes.Segment(RaftBytes.Batch(Entry.Command(1))));

        var report = node.Inspect();

        Single(report, ProblemKind.SegmentEntryCountMismatch).Message.ShouldBe($"load closed segment {Second}: found 1 entries (expected 2)");
        report.LastIndex.ShouldBe(1UL);
    }

    [Fact]
    public void Empty_closed_segment_is_corrupt()
    {
        using var node = new NodeDirectoryBuilder().Bootstrapped();
        node.File(Second, []);

        Single(node.Inspect(), ProblemKind.SegmentCorrupt).Message.ShouldBe($"load closed segment {Second}: file is empty");
    }

    [Theory]
    [InlineData(0UL, "entries count in preamble is zero")]
    [InlineData(300_000UL, "entries count 300000 in preamble is too high")]
    public void Impossible_entry_counts_are_corrupt(ulong count, string message)
    {
        using var node = new NodeDirectoryBuilder().Bootstrapped();
        node.File(Second, [.. RaftBytes.U64(1), .. new byte[8], .. RaftBytes.U64(count)]);

        Single(node.Inspect(), ProblemKind.SegmentCorrupt).Message.ShouldEndWith(message);
    }

    [Fact]
    public void Unknown_entry_type_is_corrupt()
    {
        using var node = new NodeDirectoryBuilder().Bootstrapped();
        node.File(Second, RaftBytes.Segment(RaftBytes.Batch(new Entry(1, 9, new byte[8]), Entry.Command(1))));

        Single(node.Inspect(), ProblemKind.SegmentCorrupt).Message.ShouldEndWith("entry 1 of the batch has unknown type 9");
    }

    [Fact]
    public void Unknown_segment_format_is_corrupt()
    {
        using var node = new NodeDirectoryBuilder().Bootstrapped();
        var bytes = RaftBytes.Segment(RaftBytes.Batch(Entry.Command(1), Entry.Command(1)));
        bytes[0] = 2;
        node.File(Second, bytes);

        Single(node.Inspect(), ProblemKind.SegmentCorrupt).Message.ShouldBe($"{Second}: unexpected format version 2");
    }

    [Fact]
    public void Large_batches_and_payloads_stream_through_the_read_window()
    {
        using var node = new NodeDirectoryBuilder().Bootstrapped();
        var many = Enumerable.Range(0, 5000).Select(i => Entry.Command((ulong)(1 + (i / 2500)), 8)).ToArray();
        node.Closed(2, many, [Entry.Command(2, 600_000)]);

        var report = node.Inspect();

        report.Problems.ShouldBeEmpty();
        (report.LastIndex, report.LastTerm).ShouldBe((5002UL, 2UL));
        report.Terms.ShouldBe([new TermRun(1, 2501, 1), new TermRun(2502, 5002, 2)]);
    }

    internal static NodeDirectoryBuilder WithSecondSegment()
    {
        var node = new NodeDirectoryBuilder().Bootstrapped();
        return node.Closed(2, [Entry.Command(1)], [Entry.Command(1)]);
    }

    internal static void Flip(NodeDirectoryBuilder node, string file, int offset)
    {
        var bytes = File.ReadAllBytes(node.PathOf(file));
        bytes[offset] ^= 0xFF;
        File.WriteAllBytes(node.PathOf(file), bytes);
    }

    internal static void Cut(NodeDirectoryBuilder node, string file, int bytesToRemove)
    {
        var bytes = File.ReadAllBytes(node.PathOf(file));
        File.WriteAllBytes(node.PathOf(file), bytes[..^bytesToRemove]);
    }

    internal static Problem Single(NodeReport report, ProblemKind kind)
    {
        var problem = report.Problems.ShouldHaveSingleItem();
        problem.Kind.ShouldBe(kind);
        problem.Severity.ShouldBe(ProblemSeverity.Error);
        return problem;
    }
}
