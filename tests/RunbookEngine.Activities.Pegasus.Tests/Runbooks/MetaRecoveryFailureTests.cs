using RunbookEngine.Activities.Pegasus.Tests.Support;
using RunbookEngine.Simulators.Pegasus;

namespace RunbookEngine.Activities.Pegasus.Tests.Runbooks;

/// <summary>More documented failure modes of pegasus/meta-recovery (a separate class so xUnit runs it in parallel with the others).</summary>
public sealed class MetaRecoveryFailureTests : MetaRecoveryTestBase
{
    [Fact]
    public async Task Partition_without_replica_fails_without_skip_and_nothing_is_recovered()
    {
        var box = NewOnebox();
        box.Change(s => { foreach (var node in s.ReplicaServers.Values) node.RemoveAll(r => r.AppId == 1 && r.Pidx == 3); });
        var run = await Run(box, box.Params());

        run.Exit.ShouldBe(1, run.Out + run.Err);
        (await RunState(box)).ShouldBe("Failed");
        (run.Out + run.Err).ShouldContain("ERROR: partition(1.3) has no replica collected, you can force recover it by set skip_lost_partitions option");
        ShouldBeBackOnOldRoot(box, run.Out + run.Err);
    }

    [Fact]
    public async Task Partition_without_replica_with_skip_is_recreated_empty_and_reported()
    {
        var box = NewOnebox();
        box.Change(s => { foreach (var node in s.ReplicaServers.Values) node.RemoveAll(r => r.AppId == 1 && r.Pidx == 3); });
        var run = await Run(box, box.Params(extra: "skipLostPartitions: true"));

        run.Exit.ShouldBe(0, run.Out + run.Err);
        (await RunState(box)).ShouldBe("Succeeded");
        var partition = box.State.Zookeeper[Onebox.NewRoot].Single(a => a.AppId == 1).Partitions.Single(p => p.Pidx == 3);
        partition.ForcedEmpty.ShouldBeTrue();
        (run.Out + run.Err).ShouldContain("WARNING: partition(1.3) has no replica collected, force recover the lost partition to empty");
        (run.Out + run.Err).ShouldContain("skipLostPartitions is set");
    }

    [Fact]
    public async Task Non_empty_recovery_root_makes_the_meta_coredump_and_the_run_restores_the_config()
    {
        var box = NewOnebox();
        box.Change(s => s.Zookeeper[Onebox.NewRoot] = [new AppInfo { AppId = 1, AppName = "old", PartitionCount = 1 }]);
        var run = await Run(box, box.Params());

        run.Exit.ShouldBe(1, run.Out + run.Err);
        (await RunState(box)).ShouldBe("Failed");
        (run.Out + run.Err).ShouldContain("find apps from remote storage, but [meta_server].recover_from_replica_server = true");
        box.State.Recoveries.ShouldBeEmpty();
        box.ConfigValue("recover_from_replica_server").ShouldBe("false");
        box.ConfigValue("cluster_root").ShouldBe(Onebox.OldRoot);
        box.State.Zookeeper[Onebox.NewRoot].Single().AppName.ShouldBe("old", "the existing root is left untouched");
    }

    [Fact]
    public async Task Forgotten_flag_where_the_meta_reads_another_config_is_caught_before_recover()
    {
        // The runbook edits a copy, the meta reads its real config.ini, which points at the new (empty) root
        // with recover_from_replica_server still false: it starts, then dies at config sync (seed 004).
        var box = NewOnebox();
        var copy = Path.Combine(box.Dir, "meta1", "config.edited.ini");
        File.Copy(box.ConfigPath, copy);
        File.WriteAllText(box.ConfigPath, File.ReadAllText(box.ConfigPath).Replace(Onebox.OldRoot, Onebox.NewRoot));
        var run = await Run(box, box.Params(configPath: copy));

        run.Exit.ShouldBe(1, run.Out + run.Err);
        (await RunState(box)).ShouldBe("Failed");
        (run.Out + run.Err).ShouldContain("is not exist on meta server, administrator should check consistency of meta data");
        box.State.Recoveries.ShouldBeEmpty();
        box.State.Meta.RecoverFromReplicaServer.ShouldBeFalse();
        File.ReadAllText(copy).ShouldContain("recover_from_replica_server = false");
    }
}
