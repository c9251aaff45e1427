using RunbookEngine.Activities.Cowsql.Inspection;
using RunbookEngine.Activities.Cowsql.Tests.TestSupport;

namespace RunbookEngine.Activities.Cowsql.Tests.Inspection;

/// <summary>
/// Open segments: entries get the indexes after everything loaded before them, and parsing stops at
/// the first batch that is not valid (reference §2.3; raft's own cut points are checked against the
/// real fixtures in CrossCheckTests).
/// </summary>
public sealed class OpenSegmentTests
{
    [Fact]
    public void Entries_continue_after_the_closed_segments_and_across_open_segments()
    {
        using var node = new NodeDirectoryBuilder().Bootstrapped();
        node.Open(1, [Entry.Command(1)], [Entry.Command(2), Entry.Command(2)]).Open(2, [Entry.Command(3)]);

        var report = node.Inspect();

        (report.LastIndex, report.LastTerm, report.EntryCount).ShouldBe((5UL, 3UL, 5L));
        report.Segments.Where(s => s.IsOpen).Select(s => (s.Name, s.FirstIndex, s.LastIndex, s.BatchCount)).ShouldBe(
            [("open-1", 2UL, 4UL, 2), ("open-2", 5UL, 5UL, 1)]);
        report.Problems.ShouldBeEmpty();
    }

    [Fact]
    public void Bad_checksum_is_a_torn_write_raft_truncates_and_later_open_segments_still_count()
    {
        using var node = new NodeDirectoryBuilder().Bootstrapped();
        node.Open(1, [Entry.Command(1)], [Entry.Command(1)]).Open(2, [Entry.Command(2)]);
        var firstBatch = RaftBytes.Batch(Entry.Command(1)).Length;
        ClosedSegmentTests.Flip(node, "open-1", 8 + firstBatch + 40);

        var report = node.Inspect();

        var problem = report.Problems.ShouldHaveSingleItem();
        (problem.Kind, problem.Severity, problem.File).ShouldBe((ProblemKind.OpenSegmentTorn, ProblemSeverity.Warning, "open-1"));
        problem.Message.ShouldContain("data checksum mismatch");
        var open1 = report.Segments.Single(s => s.Name == "open-1");
        (open1.EntryCount, open1.ValidBytes, open1.LastIndex).ShouldBe((1L, (long)(8 + firstBatch), 2UL));
        (report.LastIndex, report.LastTerm).ShouldBe((3UL, 2UL));
    }

    [Fact]
    public void File_cut_inside_a_batch_is_an_error_and_ends_the_log()
    {
        using var node = new NodeDirectoryBuilder().Bootstrapped();
        node.File("open-1", RaftBytes.Segment(RaftBytes.Batch(Entry.Command(1)), RaftBytes.Batch(Entry.Command(1)))[..^10]);
        node.Open(2, [Entry.Command(1)]);

        var report = node.Inspect();

        var problem = report.Problems.ShouldHaveSingleItem();
        (problem.Kind, problem.Severity).ShouldBe((ProblemKind.OpenSegmentTorn, ProblemSeverity.Error));
        report.LastIndex.ShouldBe(2UL);
        report.Segments.Single(s => s.Name == "open-2").InLog.ShouldBeFalse();
    }

    [Fact]
    public void Never_written_and_empty_open_segments_hold_nothing_and_are_fine()
    {
        using var node = new NodeDirectoryBuilder().Bootstrapped();
        node.File("open-1", new byte[4096]).File("open-2", []);

        var report = node.Inspect();

        report.Problems.ShouldBeEmpty();
        report.LastIndex.ShouldBe(1UL);
        report.Segments.Where(s => s.IsOpen).ShouldAllBe(s => s.EntryCount == 0 && !s.InLog);
    }

    [Fact]
    public void Zero_format_with_data_behind_it_is_corrupt()
    {
        using var node = new NodeDirectoryBuilder().Bootstrapped();
        var bytes = new byte[4096];
        bytes[100] = 1;
        node.File("open-1", bytes);

        var problem = node.Inspect().Problems.ShouldHaveSingleItem();
        (problem.Kind, problem.Message).ShouldBe((ProblemKind.SegmentCorrupt, "open-1: unexpected format version 0"));
    }

    [Fact]
    public void Open_segments_are_read_in_counter_order_not_name_order()
    {
        using var node = new NodeDirectoryBuilder().Bootstrapped();
        node.Open(10, [Entry.Command(3)]).Open(9, [Entry.Command(2)]);

        var report = node.Inspect();

        report.Terms.ShouldBe([new TermRun(1, 1, 1), new TermRun(2, 2, 2), new TermRun(3, 3, 3)]);
    }
}
