using RunbookEngine.Activities.OpenMldb.Cli;
using RunbookEngine.Activities.OpenMldb.Recovery;

namespace RunbookEngine.Activities.OpenMldb.Tests;

/// <summary>The output parsers, on HEAD output and on the older layouts the seed document shows.</summary>
public sealed class ParserTests
{
    // The seed document's example (old 11-column layout: offset is the 9th column, not the 7th).
    private const string OldShowTable = """
         name  tid  pid  endpoint            role      ttl   is_alive  compress_type  offset  record_cnt  memused
        ----------------------------------------------------------------------------------------------------------------------
         flow  4    0    172.27.128.32:8541  leader    0min  no        kNoCompress    10      0           0.000
         flow  4    0    172.27.128.31:8541  leader    0min  yes       kNoCompress    9       0           0.000
        """;

    [Fact]
    public void Showtable_columns_are_found_by_name_in_the_old_layout()
    {
        var rows = RowParser.Replicas(OldShowTable);
        rows.Count.ShouldBe(2);
        rows[0].ShouldBe(new ReplicaRow("flow", 4, 0, "172.27.128.32:8541", true, false, 10, 0));
        rows[1].Offset.ShouldBe(9);
    }

    [Fact]
    public void Showtable_head_layout_with_missing_offset_reads_null()
    {
        var text = Simulators.OpenMldb.TablePrinter.Print(
            ["name", "tid", "pid", "endpoint", "role", "is_alive", "offset", "record_cnt", "memused", "diskused"],
            [["t1", "1", "3", "h:1", "follower", "yes", "", "", "8.646 K".Replace(" ", string.Empty, StringComparison.Ordinal), "0.000"]]);
        var row = RowParser.Replicas(text).Single();
        row.Offset.ShouldBeNull();
        row.IsLeader.ShouldBeFalse();
        row.Pid.ShouldBe(3);
    }

    [Fact]
    public void Old_tablet_state_names_count_as_healthy()
    {
        var rows = RowParser.Tablets("""
              endpoint            state           age
            -------------------------------------------
              172.27.128.31:8541  kTabletHealthy  3h
              172.27.128.32:8541  kTabletOffline  7m
            """);
        rows.Select(r => r.Healthy).ShouldBe([true, false]);
        rows[1].RealEndpoint.ShouldBe("-");
    }

    [Fact]
    public void Showopstatus_of_the_docs_without_for_replica_cluster_parses()
    {
        var ops = RowParser.Ops("""
              op_id  op_type             name  pid  status  start_time      execute_time  end_time        cur_task
            -----------------------------------------------------------------------------------------------------------
              59     kRecoverTableOP     flow  1    kDone   20180824200623  1s            20180824200624  -
              60     kReAddReplicaOP     flow  0    kDoing  20180824200624  4s            -               kLoadTable
            """);
        ops.Select(o => (o.OpId, o.Pending)).ShouldBe([(59L, false), (60L, true)]);
        ops[1].CurTask.ShouldBe("kLoadTable");
    }

    [Theory]
    [InlineData("failed to showtable. error msg: nameserver is not leader")]
    [InlineData("")]
    [InlineData("  a  b\n------\n  1  2  3\n")]
    [InlineData("  op_id  status\n----------\n  1  kWeird\n")]
    public void Garbled_or_error_output_is_a_format_exception(string text) =>
        Should.Throw<FormatException>(() => RowParser.Ops(text));

    [Fact]
    public void An_error_message_instead_of_a_table_becomes_a_typed_failure()
    {
        var context = TestContext.Create();
        var failure = Should.Throw<ActivityFailure>(() => OpenMldbCli.Parse("failed to showtable. error msg: nameserver is not leader\n", "showtable", RowParser.Replicas, context));
        failure.ErrorType.ShouldBe("openmldb.ns-not-leader");
        failure.Retryable.ShouldBeTrue();

        var garbled = Should.Throw<ActivityFailure>(() => OpenMldbCli.Parse("segfault\n", "showtable", RowParser.Replicas, context));
        garbled.ErrorType.ShouldBe("openmldb.unparsable-output");
    }

    [Theory]
    [InlineData("Fail to recover table. error msg:auto_failover is enabled", "openmldb.auto-failover-enabled")]
    [InlineData("failed to recover endpoint. error msg: tablet is not healthy", "openmldb.tablet-not-healthy")]
    [InlineData("Fail to LoadTable: [E112]Not connected to 10.0.0.1:9527 yet", "openmldb.tablet-unreachable")]
    [InlineData("Fail to update table alive. error msg: no pid has update", "openmldb.command-failed")]
    public void Command_failures_map_to_stable_error_types(string output, string type)
    {
        var failure = Should.Throw<ActivityFailure>(() => OpenMldbCli.Expect(output, "ok-marker", "cmd", TestContext.Create()));
        failure.ErrorType.ShouldBe(type);
        failure.Message.ShouldContain(output);
    }

    [Fact]
    public void Leader_choice_compares_offsets_as_numbers_and_ignores_followers()
    {
        ReplicaRow R(string ep, bool leader, long offset) => new("t", 1, 0, ep, leader, true, offset, 0);
        var choice = LeaderChoice.Choose([R("a:1", true, 9), R("b:1", true, 10), R("c:1", false, 100)], new HashSet<string> { "a:1", "b:1", "c:1" }).Single();

        choice.Leader!.Endpoint.ShouldBe("b:1");
        choice.Followers.Select(f => f.Endpoint).ShouldBe(["a:1", "c:1"]);
        choice.LostReason.ShouldBeNull();
    }

    [Fact]
    public void A_partition_whose_leaders_are_all_on_unhealthy_tablets_is_lost()
    {
        ReplicaRow R(string ep, bool leader) => new("t", 1, 0, ep, leader, true, 5, 0);
        var lost = LeaderChoice.Choose([R("a:1", true), R("b:1", false)], new HashSet<string> { "b:1" }).Single();
        lost.Leader.ShouldBeNull();
        lost.LostReason.ShouldBe("no replica flagged leader is on a healthy tablet (a:1)");

        var none = LeaderChoice.Choose([R("a:1", false)], new HashSet<string> { "a:1" }).Single();
        none.LostReason.ShouldBe("no replica is flagged leader");
    }

    [Fact]
    public void Followers_on_unhealthy_tablets_are_reported_as_unreachable()
    {
        ReplicaRow R(string ep, bool leader) => new("t", 1, 0, ep, leader, false, 5, 0);
        var choice = LeaderChoice.Choose([R("a:1", true), R("b:1", false), R("c:1", false)], new HashSet<string> { "a:1", "b:1" }).Single();
        choice.Unreachable.Select(u => u.Endpoint).ShouldBe(["c:1"]);
        choice.Followers.Select(u => u.Endpoint).ShouldBe(["b:1"]);
    }
}
