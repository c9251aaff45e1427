using RunbookEngine.Activities.Cowsql.Inspection;
using RunbookEngine.Activities.Cowsql.Tests.TestSupport;

namespace RunbookEngine.Activities.Cowsql.Tests.Inspection;

/// <summary>
/// Fixtures/term-divergence: leader node1 kept 5 uncommitted CREATE TABLE entries after losing its
/// followers and was killed; nodes 2 and 3 elected a leader in term 2, took 3 PUTs and stopped
/// gracefully (reference §3.3, cluster c4). Values from Fixtures/crosscheck.txt.
/// </summary>
public sealed class TermDivergenceTests
{
    private const ulong Node3Id = 195748072543145061;

    [Fact]
    public void Old_leader_has_the_longer_log_in_the_older_term()
    {
        var report = NodeInspector.Inspect(Fixtures.Node("term-divergence", 1));

        (report.LastIndex, report.LastTerm, report.EntryCount).ShouldBe((13UL, 1UL, 13L)); // .reconfigure: ...0014-...0014
        report.Metadata.ShouldBe(new RaftMetadata("metadata1", 1, 1, 0));                     // start: current_term:1 voted_for:0
        report.Segments.Single(s => s.Name == "open-1").ValidBytes.ShouldBe(37848);           // raft: truncate open-1 at 37848
    }

    [Fact]
    public void New_leaders_log_ends_in_term_2()
    {
        var report = NodeInspector.Inspect(Fixtures.Node("term-divergence", 2));

        (report.FirstIndex, report.LastIndex, report.LastTerm, report.EntryCount).ShouldBe((1UL, 11UL, 2UL, 11L)); // .reconfigure: ...0012-...0012
        report.Terms.ShouldBe([new TermRun(1, 8, 1), new TermRun(9, 11, 2)]);
        report.Metadata.ShouldBe(new RaftMetadata("metadata1", 3, 2, Node3Id)); // start: current_term:2 voted_for:195748072543145061
        report.Segments.Select(s => (s.Name, s.EntryCount, s.BatchCount)).ShouldBe(
        [
            ("0000000000000001-0000000000000008", 8L, 4),
            ("0000000000000009-0000000000000011", 3L, 3),
        ]);
        report.Problems.ShouldBeEmpty();
    }

    [Fact]
    public void Followers_batch_the_same_entries_differently()
    {
        var node2 = NodeInspector.Inspect(Fixtures.Node("term-divergence", 2));
        var node3 = NodeInspector.Inspect(Fixtures.Node("term-divergence", 3));

        node3.Segments[0].BatchCount.ShouldBe(5);
        node3.Segments[0].FileSize.ShouldBe(29432);
        node2.Segments[0].FileSize.ShouldBe(29416);
        (node3.LastIndex, node3.LastTerm).ShouldBe((node2.LastIndex, node2.LastTerm));
        node3.Configuration!.Members.Select(m => m.Id).ShouldBe([RaftFormat.GoDqliteBootstrapId, 16385398411153448716UL, Node3Id]);
    }
}
