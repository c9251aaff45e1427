using System.Globalization;
using System.Text.RegularExpressions;
using RunbookEngine.Activities.Cowsql.Inspection;
using RunbookEngine.Activities.Cowsql.Ranking;
using RunbookEngine.Activities.Cowsql.Tests.TestSupport;

namespace RunbookEngine.Activities.Cowsql.Tests.Inspection;

/// <summary>
/// Replays what libraft itself said about every fixture (Fixtures/crosscheck.txt): .reconfigure's
/// new N-N segment is last index + 1 (reference §3.1), its trace names where each open segment is
/// cut, the start-up trace gives term, vote, start index, entry count and configuration, and a
/// two-node election shows whom raft's vote rule prefers.
/// </summary>
public sealed partial class CrossCheckTests
{
    public static TheoryData<string> Blocks(string verb) =>
        [.. CrossCheckBlock.Load().Where(b => b.Heading.StartsWith(verb, StringComparison.Ordinal)).Select(b => b.Heading)];

    [Fact]
    public void The_log_covers_every_fixture_node()
    {
        var checkedNodes = CrossCheckBlock.Load().Where(b => b.Heading.StartsWith(".reconfigure", StringComparison.Ordinal)).Select(b => b.Node);
        var fixtureNodes = Directory.GetDirectories(Fixtures.Root).SelectMany(Directory.GetDirectories)
            .Select(d => Path.GetRelativePath(Fixtures.Root, d).Replace('\\', '/'));
        checkedNodes.Order().ShouldBe(fixtureNodes.Order());
    }

    [Theory]
    [MemberData(nameof(Blocks), ".reconfigure")]
    public void Reconfigure_agrees_with_the_parser(string heading)
    {
        var block = Block(heading);
        var report = NodeInspector.Inspect(Path.Combine(Fixtures.Root, block.Node));
        if (block.Exit != 0)
        {
            report.HasErrors.ShouldBeTrue();
            return;
        }

        var created = block.Find(Created()).Single().Groups[1].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var recovery = created.Select(n => n.Split('-')).Single(p => p[0] == p[1]);
        report.LastIndex.ShouldBe(ulong.Parse(recovery[0], CultureInfo.InvariantCulture) - 1);
        report.HasErrors.ShouldBeFalse();
        foreach (var cut in block.Find(Truncated()))
        {
            Segment(report, cut.Groups[1].Value).ValidBytes.ShouldBe(long.Parse(cut.Groups[2].Value, CultureInfo.InvariantCulture));
        }

        foreach (var closed in block.Find(Finalized()))
        {
            var segment = Segment(report, closed.Groups[1].Value);
            $"{segment.FirstIndex:D16}-{segment.LastIndex:D16}".ShouldBe(closed.Groups[2].Value);
        }

        foreach (var removed in block.Find(Removed()))
        {
            Segment(report, removed.Groups[1].Value).ShouldSatisfyAllConditions(s => s.EntryCount.ShouldBe(0), s => s.InLog.ShouldBeFalse());
        }
    }

    [Theory]
    [MemberData(nameof(Blocks), "dqlite-demo start")]
    public void Start_up_trace_agrees_with_the_parser(string heading)
    {
        var block = Block(heading);
        var report = NodeInspector.Inspect(Path.Combine(Fixtures.Root, block.Node));
        foreach (var start in block.Find(Loaded()))
        {
            report.Metadata!.Term.ShouldBe(ulong.Parse(start.Groups[1].Value, CultureInfo.InvariantCulture));
            report.Metadata.VotedFor.ShouldBe(ulong.Parse(start.Groups[2].Value, CultureInfo.InvariantCulture));
            report.FirstIndex.ShouldBe(ulong.Parse(start.Groups[3].Value, CultureInfo.InvariantCulture));
            report.EntryCount.ShouldBe(long.Parse(start.Groups[4].Value, CultureInfo.InvariantCulture));
        }

        foreach (var snapshot in block.Find(Restored()))
        {
            report.LatestSnapshot!.Index.ShouldBe(ulong.Parse(snapshot.Groups[1].Value, CultureInfo.InvariantCulture));
            report.LatestSnapshot.Term.ShouldBe(ulong.Parse(snapshot.Groups[2].Value, CultureInfo.InvariantCulture));
        }

        var servers = block.Find(Server()).Select(m => (ulong.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), m.Groups[2].Value, m.Groups[3].Value == "1" ? MemberRole.Voter : MemberRole.Standby)).ToList();
        if (servers.Count > 0)
        {
            report.Configuration!.Members.Select(m => (m.Id, m.Address, m.Role)).ShouldBe(servers);
        }

        foreach (var error in block.Find(StartError()))
        {
            report.Problems.ShouldContain(p => p.Severity == ProblemSeverity.Error && p.Message.StartsWith(error.Groups[1].Value, StringComparison.Ordinal));
        }

        if (block.Lines.Any(l => l.Contains("double free", StringComparison.Ordinal)))
        {
            report.Problems.ShouldContain(p => p.Kind == ProblemKind.OpenSegmentTorn && p.Severity == ProblemSeverity.Error);
        }
    }

    [Theory]
    [MemberData(nameof(Blocks), "election")]
    public void Raft_elects_the_node_the_ranking_puts_first(string heading)
    {
        var match = Election().Match(heading);
        var reports = new[] { match.Groups[1].Value, match.Groups[2].Value }.Select(n => NodeInspector.Inspect(Path.Combine(Fixtures.Root, n)));

        MostUpToDate.Rank(reports).Winner!.Address.ShouldBe(match.Groups[3].Value);
    }

    private static CrossCheckBlock Block(string heading) => CrossCheckBlock.Load().First(b => b.Heading == heading);

    private static SegmentInfo Segment(NodeReport report, string name) => report.Segments.Single(s => s.Name == name);

    [GeneratedRegex(@"^created: (.*)$")]
    private static partial Regex Created();

    [GeneratedRegex(@"truncate open segment (\S+) at (\d+)")]
    private static partial Regex Truncated();

    [GeneratedRegex(@"finalize (\S+) into (\S+)")]
    private static partial Regex Finalized();

    [GeneratedRegex(@"remove zeroed open segment (\S+)")]
    private static partial Regex Removed();

    [GeneratedRegex(@"current_term:(\d+) voted_for:(\d+) start_index:(\d+) n_entries:(\d+)")]
    private static partial Regex Loaded();

    [GeneratedRegex(@"restore snapshot with last index (\d+) and last term (\d+)")]
    private static partial Regex Restored();

    [GeneratedRegex(@"configuration.c:\d+ id:(\d+) address:(\S+) role:(\d+)")]
    private static partial Regex Server();

    [GeneratedRegex(@"^Error: start node: raft_start\(\): io: (.*)$")]
    private static partial Regex StartError();

    [GeneratedRegex(@"copies of (\S+) and (\S+): leader (\S+)")]
    private static partial Regex Election();
}
