using RunbookEngine.Activities.Cowsql.Inspection;
using RunbookEngine.Activities.Cowsql.Ranking;
using RunbookEngine.Activities.Cowsql.Tests.TestSupport;

namespace RunbookEngine.Activities.Cowsql.Tests.Ranking;

/// <summary>
/// raft's vote rule on real clusters (values in Fixtures/crosscheck.txt; the elections recorded
/// there agree) and on synthetic logs.
/// </summary>
public sealed class MostUpToDateTests
{
    [Fact]
    public void Higher_last_term_beats_a_longer_log()
    {
        // The cowsql doc's A.3 would pick node1: .reconfigure gives it ...0014 against ...0012.
        var result = MostUpToDate.Rank(Nodes("term-divergence", 1, 2, 3));

        result.Winner!.Address.ShouldBe("127.0.0.1:9472");
        result.IsTie.ShouldBeTrue();
        result.Leaders.Select(r => r.Address).ShouldBe(["127.0.0.1:9472", "127.0.0.1:9473"]);
        result.Rows.Select(r => (r.Rank, r.Address, r.LastTerm, r.LastIndex, r.MatchIndex, r.EntriesLost, r.IsWinner)).ShouldBe(
        [
            (1, "127.0.0.1:9472", 2UL, 11UL, (ulong?)11, (ulong?)0, true),
            (1, "127.0.0.1:9473", 2UL, 11UL, (ulong?)11, (ulong?)0, false),
            (2, "127.0.0.1:9471", 1UL, 13UL, (ulong?)8, (ulong?)5, false), // its 5 uncommitted CREATE TABLE entries
        ]);
    }

    [Fact]
    public void Same_term_longer_log_wins_and_a_lagging_node_loses_nothing()
    {
        var result = MostUpToDate.Rank(Nodes("three-node-killed", 3, 2, 1));

        result.Winner!.Address.ShouldBe("127.0.0.1:9472"); // first of the tied nodes in input order
        result.Leaders.Select(r => r.Address).ShouldBe(["127.0.0.1:9472", "127.0.0.1:9471"]);
        var lagging = result.Rows[^1];
        (lagging.Rank, lagging.Address, lagging.LastIndex, lagging.MatchIndex, lagging.EntriesLost).ShouldBe((2, "127.0.0.1:9473", 16UL, (ulong?)16, (ulong?)0));
        lagging.Id.ShouldBe(11384392727021595154UL);
    }

    [Fact]
    public void Snapshot_index_is_reported_and_known_terms_include_the_snapshot()
    {
        var torn = NodeInspector.Inspect(Fixtures.Node("torn-open-truncated", 1));
        var healthy = NodeInspector.Inspect(Fixtures.Node("single-snapshot", 1));

        var result = MostUpToDate.Rank([torn, healthy]);

        result.IsTie.ShouldBeFalse();
        result.Winner!.Node.ShouldBeSameAs(healthy);
        result.Rows.Select(r => (r.LastIndex, r.SnapshotIndex, r.MatchIndex, r.EntriesLost, r.HasErrors)).ShouldBe(
            [(1044UL, (ulong?)1024, (ulong?)1044, (ulong?)0, false), (1043UL, (ulong?)1024, (ulong?)1043, (ulong?)0, true)]);
    }

    [Fact]
    public void Tie_prefers_a_node_raft_would_start()
    {
        using var broken = Log(3, 3);
        broken.Closed(5, [Entry.Command(3)]); // gap: unexpected closed segment
        using var healthy = Log(3, 3);

        var result = MostUpToDate.Rank([broken.Inspect(), healthy.Inspect()]);

        result.IsTie.ShouldBeTrue();
        result.Winner!.Node.Directory.ShouldBe(healthy.Path);
    }

    [Fact]
    public void Agreement_point_unknown_when_no_index_has_a_term_on_both_nodes()
    {
        using var compacted = new NodeDirectoryBuilder().Metadata(1, 1, 5).Snapshot(5, 100, 1, 1, NodeDirectoryBuilder.Node1);
        compacted.Closed(101, [Entry.Command(5)]);
        using var behind = Log(2, 2);

        var row = MostUpToDate.Rank([compacted.Inspect(), behind.Inspect()]).Rows[^1];

        (row.LastIndex, row.MatchIndex, row.EntriesLost).ShouldBe((3UL, (ulong?)null, (ulong?)null));
    }

    [Fact]
    public void No_nodes_no_winner()
    {
        var result = MostUpToDate.Rank([]);

        (result.Winner, result.Rows.Count, result.IsTie).ShouldBe(((NodeRanking?)null, 0, false));
    }

    private static IEnumerable<NodeReport> Nodes(string fixture, params int[] nodes) =>
        nodes.Select(n => NodeInspector.Inspect(Fixtures.Node(fixture, n))).ToList();

    /// <summary>Bootstrap entry in term 1, then two entries in <paramref name="term"/> (last index 3).</summary>
    private static NodeDirectoryBuilder Log(ulong term, ulong metadataTerm)
    {
        var node = new NodeDirectoryBuilder().Bootstrapped(metadataTerm);
        return node.Closed(2, [Entry.Command(term)], [Entry.Command(term)]);
    }
}
