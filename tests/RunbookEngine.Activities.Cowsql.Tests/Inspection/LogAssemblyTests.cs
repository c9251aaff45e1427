using RunbookEngine.Activities.Cowsql.Inspection;
using RunbookEngine.Activities.Cowsql.Tests.TestSupport;
using static RunbookEngine.Activities.Cowsql.Tests.TestSupport.NodeDirectoryBuilder;

namespace RunbookEngine.Activities.Cowsql.Tests.Inspection;

/// <summary>Which segments raft loads and in what order (uvFilterSegments, uvSegmentLoadAll; reference §3, §5.1).</summary>
public sealed class LogAssemblyTests
{
    [Fact]
    public void Gap_between_closed_segments_without_a_snapshot()
    {
        using var node = new NodeDirectoryBuilder().Bootstrapped();
        node.Closed(3, [Entry.Command(1)]);

        var report = node.Inspect();

        var problem = ClosedSegmentTests.Single(report, ProblemKind.SegmentGap);
        problem.Message.ShouldBe("unexpected closed segment 0000000000000003-0000000000000003: first index should have been 2");
        report.LastIndex.ShouldBe(1UL);
    }

    [Fact]
    public void Without_a_snapshot_the_log_must_start_at_index_1()
    {
        using var node = new NodeDirectoryBuilder().Metadata(1, 1, 1).Closed(5, [Entry.Command(1)]);

        ClosedSegmentTests.Single(node.Inspect(), ProblemKind.SegmentGap).Message.ShouldEndWith("first index should have been 1");
    }

    [Fact]
    public void Overlapping_closed_segments()
    {
        using var node = new NodeDirectoryBuilder().Bootstrapped();
        node.Closed(2, [Entry.Command(1), Entry.Command(1)]).Closed(3, [Entry.Command(1)]);

        var problem = node.Inspect().Problems.First();

        (problem.Kind, problem.Severity, problem.File).ShouldBe((ProblemKind.SegmentOverlap, ProblemSeverity.Error, "0000000000000003-0000000000000003"));
        problem.Message.ShouldStartWith("closed segments 0000000000000002-0000000000000003 and 0000000000000003-0000000000000003 both hold indexes 3..3");
    }

    [Fact]
    public void Newest_closed_run_starting_after_snapshot_plus_one()
    {
        using var node = new NodeDirectoryBuilder().Metadata(1, 1, 1).Snapshot(1, 10, 500, 1, Node1);
        node.Closed(12, [Entry.Command(1)]);

        var report = node.Inspect();

        ClosedSegmentTests.Single(report, ProblemKind.ClosedSegmentPastLastSnapshot).Message
            .ShouldBe("closed segment 0000000000000012-0000000000000012 is past last snapshot snapshot-1-10-500 (entries 11..11 are missing)");
        (report.LastIndex, report.LastTerm, report.EntryCount).ShouldBe((10UL, 1UL, 0L));
    }

    [Fact]
    public void Segments_reaching_back_over_the_snapshot_are_loaded_whole()
    {
        using var node = new NodeDirectoryBuilder().Bootstrapped().Snapshot(1, 2, 500, 1, Node1);
        node.Closed(2, [Entry.Command(1)], [Entry.Command(2)]);

        var report = node.Inspect();

        (report.FirstIndex, report.LastIndex, report.LastTerm).ShouldBe(((ulong?)1, 3UL, 2UL));
        report.Problems.ShouldBeEmpty();
    }

    [Fact]
    public void Older_non_contiguous_segments_are_ignored_when_a_snapshot_covers_them()
    {
        using var node = new NodeDirectoryBuilder().Bootstrapped().Snapshot(2, 20, 500, 1, Node1);
        node.Closed(20, [Entry.Command(2)], [Entry.Command(3)]);

        var report = node.Inspect();

        report.Problems.ShouldBeEmpty();
        (report.FirstIndex, report.LastIndex, report.LastTerm).ShouldBe(((ulong?)20, 21UL, 3UL));
        report.Segments.Single(s => s.FirstIndex == 1).ShouldSatisfyAllConditions(s => s.InLog.ShouldBeFalse(), s => s.EndNote!.ShouldContain("covered by the snapshot"));
    }

    [Fact]
    public void All_closed_segments_behind_the_snapshot_leave_the_snapshot_as_the_last_entry()
    {
        using var node = new NodeDirectoryBuilder().Bootstrapped().Snapshot(4, 50, 500, 1, Node1);

        var report = node.Inspect();

        report.Problems.ShouldBeEmpty();
        (report.FirstIndex, report.LastIndex, report.LastTerm).ShouldBe(((ulong?)null, 50UL, 4UL));
    }

    [Fact]
    public void Only_open_segments_after_a_snapshot_start_at_snapshot_index_plus_one()
    {
        using var node = new NodeDirectoryBuilder().Metadata(1, 3, 6).Snapshot(6, 20480, 500, 1, Node1);
        node.Open(1, [Entry.Command(6)], [Entry.Command(6)]);

        var report = node.Inspect();

        (report.FirstIndex, report.LastIndex, report.LastTerm).ShouldBe(((ulong?)20481, 20482UL, 6UL));
    }

    [Fact]
    public void Open_entries_that_stay_behind_the_snapshot_are_an_error()
    {
        using var node = new NodeDirectoryBuilder().Bootstrapped().Snapshot(2, 50, 500, 1, Node1);
        node.Open(1, [Entry.Command(1)]);

        var report = node.Inspect();

        ClosedSegmentTests.Single(report, ProblemKind.LastEntryBehindSnapshot).Message
            .ShouldBe("last entry on disk has index 2, which is behind last snapshot's index 50");
        (report.LastIndex, report.LastTerm).ShouldBe((50UL, 2UL));
    }

    [Fact]
    public void Newest_configuration_entry_wins_over_the_snapshot_s()
    {
        using var node = new NodeDirectoryBuilder().Metadata(1, 1, 2).Snapshot(2, 10, 500, 5, Node1);
        node.Closed(11, [Entry.Command(2)], [Entry.Change(2, Node1, Node2, Node3)], [Entry.Command(2)]);

        var configuration = node.Inspect().Configuration!;

        (configuration.Index, configuration.Source, configuration.File).ShouldBe((12UL, ConfigurationSource.Log, "0000000000000011-0000000000000013"));
        configuration.Members.ShouldBe([Node1, Node2, Node3]);
    }

    [Fact]
    public void Undecodable_configuration_entry_is_corrupt()
    {
        using var node = new NodeDirectoryBuilder().Bootstrapped();
        node.Closed(2, [new Entry(1, RaftFormat.EntryChange, [9, 0, 0, 0, 0, 0, 0, 0])]);

        ClosedSegmentTests.Single(node.Inspect(), ProblemKind.SegmentCorrupt).Message
            .ShouldContain("configuration entry at index 2 does not decode: unknown configuration encoding version 9");
    }
}
