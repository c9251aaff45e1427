using RunbookEngine.Activities;
using RunbookEngine.Activities.Context;
using RunbookEngine.Activities.Cowsql.Tests.TestSupport;

namespace RunbookEngine.Activities.Cowsql.Tests.Activities;

/// <summary>The cowsql activities through the engine's untyped entry points, on real node directories.</summary>
public sealed class CowsqlActivityTests
{
    private static readonly IActivity Inspect = CowsqlActivities.Create().Single(a => a.Name == "cowsql.inspect");
    private static readonly IActivity Rank = CowsqlActivities.Create().Single(a => a.Name == "cowsql.find-most-up-to-date");

    private static ActivityContext Context() => new() { RunId = "r", StepPath = "s", WorkingDirectory = Fixtures.Root };

    private static string Node(string fixture, string node) => Path.Combine(Fixtures.Root, fixture, node);

    [Fact]
    public async Task Inspect_reports_terms_indexes_and_membership_as_values_later_steps_can_read()
    {
        var outputs = await Inspect.ExecuteAsync(new Dictionary<string, object?> { ["dataDirectory"] = Node("term-divergence", "node2") }, Context(), CancellationToken.None);

        outputs["lastTerm"].ShouldBe(2L);
        outputs["lastIndex"].ShouldBe(11L);
        outputs["hasErrors"].ShouldBe(false);
        var members = outputs["members"].ShouldBeAssignableTo<IReadOnlyList<object?>>()!;
        members.Count.ShouldBe(3);
        members.Cast<IReadOnlyDictionary<string, object?>>().Select(m => m["role"]).Distinct().ShouldBe(["voter"]);
    }

    [Fact]
    public async Task Ranking_follows_raft_higher_last_term_beats_a_longer_log()
    {
        var nodes = new List<object?> { Node("term-divergence", "node1"), Node("term-divergence", "node2"), Node("term-divergence", "node3") };

        var outputs = await Rank.ExecuteAsync(new Dictionary<string, object?> { ["dataDirectories"] = nodes }, Context(), CancellationToken.None);

        // node1 holds more entries (index 13) but in term 1; node2 and node3 reached term 2: raft elects one of them.
        ((string)outputs["winnerDirectory"]!).ShouldNotEndWith("node1");
        outputs["lastTerm"].ShouldBe(2L);
        var table = outputs["table"].ShouldBeAssignableTo<IReadOnlyList<object?>>()!.Cast<IReadOnlyDictionary<string, object?>>().ToList();
        // node2 and node3 hold the same log and share rank 1.
        table.Single(r => ((string)r["directory"]!).EndsWith("node1", StringComparison.Ordinal))["rank"].ShouldBe(2L);
    }

    [Fact]
    public async Task A_tie_is_reported_not_broken_silently()
    {
        var nodes = new List<object?> { Node("three-node-killed", "node1"), Node("three-node-killed", "node2"), Node("three-node-killed", "node3") };

        var outputs = await Rank.ExecuteAsync(new Dictionary<string, object?> { ["dataDirectories"] = nodes }, Context(), CancellationToken.None);

        outputs["tie"].ShouldBe(true);
        ((string)outputs["summary"]!).ShouldStartWith("TIE");
        outputs["tied"].ShouldBeAssignableTo<IReadOnlyList<object?>>()!.Cast<string>().ShouldNotContain(d => d.EndsWith("node3", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Planning_runs_the_read_only_inspection_for_real_and_changes_nothing()
    {
        var node = Node("single-snapshot", "node1");
        var before = Directory.EnumerateFiles(node, "*", SearchOption.AllDirectories).ToDictionary(f => f, f => File.GetLastWriteTimeUtc(f));

        var plan = await Inspect.PlanAsync(new Dictionary<string, object?> { ["dataDirectory"] = node }, Context(), CancellationToken.None);

        plan.RanForReal.ShouldBeTrue();
        plan.Summary.ShouldContain("snapshot 1024");
        Directory.EnumerateFiles(node, "*", SearchOption.AllDirectories).ToDictionary(f => f, f => File.GetLastWriteTimeUtc(f)).ShouldBe(before);
    }

    [Fact]
    public async Task A_missing_directory_is_a_clear_failure()
    {
        var error = await Should.ThrowAsync<ActivityFailure>(() =>
            Inspect.ExecuteAsync(new Dictionary<string, object?> { ["dataDirectory"] = "/nonexistent/node" }, Context(), CancellationToken.None));

        error.ErrorType.ShouldBe("cowsql.no-node-directory");
        error.Retryable.ShouldBeFalse();
    }

    [Fact]
    public async Task The_past_last_snapshot_error_is_a_problem_with_raft_own_words()
    {
        var outputs = await Inspect.ExecuteAsync(new Dictionary<string, object?> { ["dataDirectory"] = Node("past-last-snapshot", "node1") }, Context(), CancellationToken.None);

        outputs["hasErrors"].ShouldBe(true);
        var problems = outputs["problems"].ShouldBeAssignableTo<IReadOnlyList<object?>>()!.Cast<IReadOnlyDictionary<string, object?>>();
        problems.ShouldContain(p => ((string)p["message"]!).Contains("past last snapshot", StringComparison.Ordinal));
    }
}
