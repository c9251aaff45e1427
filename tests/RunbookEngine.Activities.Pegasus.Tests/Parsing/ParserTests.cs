using RunbookEngine.Activities.Pegasus.Parsing;

namespace RunbookEngine.Activities.Pegasus.Tests.Parsing;

/// <summary>The parsers against the shell's real formats (seed 004 examples; systems.md §2.3, §2.6).</summary>
public sealed class ParserTests
{
    private const string Header = "Wait seconds: 100\nSkip bad nodes: true\nSkip lost partitions: false\nNode list:\n=============================\n" +
        "10.0.0.1:34801\n10.0.0.2:34802\n=============================\n";

    [Fact]
    public void Recover_hints_glued_without_newlines_are_split_as_the_current_meta_prints_them()
    {
        var output = RecoverOutput.Parse(Header + "Wait recovery for 0 seconds\nRecover result: ERR_OK\n=============================\n" +
            "WARNING: collect app and replica info from node(10.0.0.3:34803) failed with err(ERR_NETWORK_FAILURE), skip the bad node" +
            "WARNING: partition(1.0) only collects 2/3 of replicas, may lost data\n=============================\n")!;

        output.Result.ShouldBe("ERR_OK");
        output.SkipBadNodes.ShouldBeTrue();
        output.SkipLostPartitions.ShouldBeFalse();
        output.Nodes.ShouldBe(["10.0.0.1:34801", "10.0.0.2:34802"]);
        output.Hints.Select(h => h.Message).ShouldBe([
            "WARNING: collect app and replica info from node(10.0.0.3:34803) failed with err(ERR_NETWORK_FAILURE), skip the bad node",
            "WARNING: partition(1.0) only collects 2/3 of replicas, may lost data"]);
    }

    [Fact]
    public void A_bad_node_error_glued_to_the_closing_rule_is_one_error_hint()
    {
        var output = RecoverOutput.Parse(Header + "Recover result: ERR_TRY_AGAIN\n=============================\n" +
            "ERROR: collect app and replica info from node(10.0.0.4:34804) failed with err(ERR_NETWORK_FAILURE), you can skip it by set skip_bad_nodes option=============================\n")!;

        output.Result.ShouldBe("ERR_TRY_AGAIN");
        var hint = output.Hints.ShouldHaveSingleItem();
        hint.Level.ShouldBe("ERROR");
        hint.Message.ShouldEndWith("you can skip it by set skip_bad_nodes option");
    }

    [Fact]
    public void No_hint_block_and_a_timeout_are_told_apart()
    {
        RecoverOutput.Parse(Header + "Recover result: ERR_OK\n")!.Hints.ShouldBeEmpty();
        var timedOut = RecoverOutput.Parse(Header + "Wait recovery for 0 seconds\nWait recovery failed, administrator should check the meta for progress\n")!;
        timedOut.Result.ShouldBeNull();
        timedOut.TimedOut.ShouldBeTrue();
        RecoverOutput.Parse("open file /x failed\n").ShouldBeNull();
    }

    [Fact]
    public void Garbled_hint_text_is_a_format_error()
    {
        Should.Throw<FormatException>(() => RecoverOutput.Parse(Header + "Recover result: ERR_OK\n=============================\nsegfault here\n=============================\n"));
    }

    [Fact]
    public void Shell_status_reads_recovery_mode_cluster_info_and_ls()
    {
        var recovering = ShellStatus.Parse("Pegasus Shell 2.5.0\nget cluster info failed, error=ERR_UNDER_RECOVERY\nlist apps failed, error=ERR_UNDER_RECOVERY\n");
        recovering.ClusterInfoError.ShouldBe("ERR_UNDER_RECOVERY");
        recovering.ListError.ShouldBe("ERR_UNDER_RECOVERY");

        var serving = ShellStatus.Parse("""
            [cluster_info]
            meta_servers                  : 127.0.0.1:34601
            zookeeper_root                : /pegasus/onebox_recovery/127.0.0.1
            cluster_name                  : onebox
            [general_info]
            app_id  status     app_name  app_type  partition_count  replica_count  is_stateful  create_time          drop_time  drop_expire  envs_count  atomic_idempotent
            1       AVAILABLE  temp      pegasus   8                3              true         2024-03-01_10:00:00  -          -            0           false

            [summary]
            total_app_count  : 1
            """);
        serving.ClusterInfo["zookeeper_root"].ShouldBe("/pegasus/onebox_recovery/127.0.0.1");
        var app = serving.Apps.ShouldNotBeNull().ShouldHaveSingleItem();
        (app.AppId, app.AppName, app.Status, app.PartitionCount, app.ReplicaCount).ShouldBe((1, "temp", "AVAILABLE", 8, 3));
    }

    [Fact]
    public void Shell_output_that_answers_nothing_or_has_broken_rows_is_a_format_error()
    {
        Should.Throw<FormatException>(() => ShellStatus.Parse("Pegasus Shell 2.5.0\nSegmentation fault\n"));
        Should.Throw<FormatException>(() => ShellStatus.Parse("[general_info]\napp_id  status  app_name\n1  AVAILABLE\n"));
    }

    [Fact]
    public void Meta_log_reports_the_reason_line_of_the_last_fatal_check()
    {
        var log = "I12:16:26.700 (1 26cc) meta: starting\n" +
            "F12:16:26.793 (1488341786793734532 26cc) meta.default0.0000269c00010001: /home/Pegasus/pegasus/rdsn/src/dist/replication/meta_server/server_state.cpp:698:initialize_data_structure(): assertion expression: false\n" +
            "F12:16:26.793 (1488341786793754317 26cc) meta.default0.0000269c00010001: /home/Pegasus/pegasus/rdsn/src/dist/replication/meta_server/server_state.cpp:698:initialize_data_structure(): find apps from remote storage, but [meta_server].recover_from_replica_server = true\n";
        MetaLog.LastFatal(log).ShouldBe("find apps from remote storage, but [meta_server].recover_from_replica_server = true");
        MetaLog.LastFatal("I12:00:00.000 all good\n").ShouldBeNull();
    }

    [Fact]
    public void Meta_config_reads_sections_and_ignores_comments()
    {
        var config = MetaConfig.Parse("[meta_server]\n; comment\ncluster_root = /pegasus/a\n# recover_from_replica_server = true\n[zookeeper]\nhosts_list = z1:2181,z2:2181\n");
        config.Get("meta_server", "cluster_root").ShouldBe("/pegasus/a");
        config.Get("meta_server", "recover_from_replica_server").ShouldBeNull();
        config.Get("zookeeper", "hosts_list").ShouldBe("z1:2181,z2:2181");
    }
}
