using RunbookEngine.Activities.Context;
using RunbookEngine.Activities.Dragonboat.Tool;

namespace RunbookEngine.Activities.Dragonboat.Tests;

/// <summary>Parsers of the import tool's output and the mapping of its error texts to error types.</summary>
public sealed class ToolOutputTests
{
    private static readonly ActivityContext Context = new() { RunId = "r", StepPath = "s", WorkingDirectory = "/" };

    [Fact]
    public void Parses_inspect_snapshot()
    {
        var facts = ToolOutput.ParseSnapshot("""
            snapshot: /b/snapshot-00000000000003E8
            shard: 100
            index: 1000
            term: 4
            payload: snapshot-00000000000003E8.gbsnap 4000
            members: 1=m1:1,2=m2:1
            removed: -
            """);

        (facts.ShardId, facts.Index, facts.Term, facts.PayloadBytes).ShouldBe((100L, 1000L, 4L, 4000L));
        facts.Members.Select(m => (m.ReplicaId, m.Address)).ShouldBe([(1L, "m1:1"), (2L, "m2:1")]);
        facts.Removed.ShouldBeEmpty();
    }

    [Fact]
    public void Parses_info_with_replica_lines()
    {
        var facts = ToolOutput.ParseHost("""
            nodehost-dir: /d/m1
            raft-address: m1:1
            running: true
            pid: 42
            replica shard=100 replica=1 state=ready leader=4 term=5 commit=1000 max-index=1000 snapshot=1000 imported=true members=1=m1:1,4=m4:1 removed=2=m2:1
            """);

        (facts.RaftAddress, facts.Running, facts.Pid).ShouldBe(("m1:1", true, 42));
        var replica = facts.Replicas.ShouldHaveSingleItem();
        (replica.State, replica.LeaderId, replica.Imported, replica.MaxIndex).ShouldBe(("ready", 4L, true, 1000L));
        Member.Format(replica.Removed).ShouldBe("2=m2:1");
    }

    [Fact]
    public void Parses_a_never_used_directory()
    {
        var facts = ToolOutput.ParseHost("nodehost-dir: /d/m9\nraft-address: -\nrunning: false\npid: 0\n");
        facts.RaftAddress.ShouldBeNull();
        facts.Replicas.ShouldBeEmpty();
    }

    [Fact]
    public void Parses_import_and_its_dry_run()
    {
        const string Rest = "\nmembers: 1=a:1,4=b:1\nremoved: 2=c:1\nsnapshot-dir: /d/m1/h/00000000000000000000/snapshot-part-100/snapshot-100-1\n";
        var real = ToolOutput.ParseImport("imported snapshot 1000 (term 4) of shard 100 into replica 1 on a:1" + Rest);
        var dry = ToolOutput.ParseImport("would import snapshot 1000 (term 4) of shard 100 into replica 1 on a:1" + Rest);

        real.DryRun.ShouldBeFalse();
        dry.DryRun.ShouldBeTrue();
        (real.Index, real.Term, real.ShardId, real.ReplicaId, real.RaftAddress).ShouldBe((1000L, 4L, 100L, 1L, "a:1"));
        Member.Format(real.Members).ShouldBe("1=a:1,4=b:1");
    }

    [Theory]
    [InlineData("")]
    [InlineData("snapshot: /x\nshard: one hundred\nindex: 1\nterm: 1\npayload: a 1\nmembers: -\nremoved: -")]
    [InlineData("snapshot: /x\nshard: 1\nindex: 1\nterm: 1\npayload: a\nmembers: -\nremoved: -")]
    [InlineData("snapshot: /x\nshard: 1\nindex: 1\nterm: 1\npayload: a 1\nmembers: 1:m1\nremoved: -")]
    public void Garbled_snapshot_output_is_a_format_error(string stdout)
    {
        Should.Throw<FormatException>(() => ToolOutput.ParseSnapshot(stdout));
    }

    [Theory]
    [InlineData("nodehost-dir: /d\nraft-address: a\nrunning: maybe\npid: 0")]
    [InlineData("nodehost-dir: /d\nraft-address: a\nrunning: true\npid: 1\nreplica shard=1 replica=1 state=dancing leader=0 term=1 commit=1 max-index=1 snapshot=1 imported=false members=- removed=-")]
    [InlineData("nodehost-dir: /d\nraft-address: a\nrunning: true\npid: 1\nreplica shard=1 replica=1")]
    public void Garbled_info_output_is_a_format_error(string stdout)
    {
        Should.Throw<FormatException>(() => ToolOutput.ParseHost(stdout));
    }

    [Fact]
    public void Garbled_output_becomes_an_unexpected_output_failure()
    {
        var failure = Should.Throw<ActivityFailure>(() => ImportTool.Parse(ToolOutput.ParseImport, "Segmentation fault", "import", Context));
        failure.ErrorType.ShouldBe(ImportTool.UnexpectedOutput);
        failure.Message.ShouldContain("Segmentation fault");
    }

    [Theory]
    [InlineData("import failed: invalid members", ImportTool.InvalidMembers, false)]
    [InlineData("import failed: path does not exist", ImportTool.PathNotExist, false)]
    [InlineData("import failed: snapshot is incomplete", ImportTool.IncompleteSnapshot, false)]
    [InlineData("import failed: adding a removed node", ImportTool.MembershipConflict, false)]
    [InlineData("import failed: node address changed", ImportTool.MembershipConflict, false)]
    [InlineData("import failed: failed to lock data directory", ImportTool.NodeHostRunning, true)]
    [InlineData("import failed: not the owner of the data directory", ImportTool.NotOwner, false)]
    [InlineData("import failed: write snapshot: no space left on device", ImportTool.ToolFailed, false)]
    public void Tool_errors_map_to_stable_error_types(string stderr, string errorType, bool retryable)
    {
        var failure = ImportTool.Failure(1, stderr + "\n", Context);
        failure.ErrorType.ShouldBe(errorType);
        failure.Retryable.ShouldBe(retryable);
        failure.Message.ShouldContain(stderr);
    }

    [Fact]
    public void Usage_errors_are_not_retryable()
    {
        var failure = ImportTool.Failure(2, "flag provided but not defined: -replica", Context);
        (failure.ErrorType, failure.Retryable).ShouldBe((ImportTool.Usage, false));
    }

    [Fact]
    public void Members_round_trip_through_the_flag_json()
    {
        var members = Member.ParseList("5=c:3,1=a:1");
        Member.ToJson(members).ShouldBe("""{"1":"a:1","5":"c:3"}""");
        Member.Format(members).ShouldBe("1=a:1,5=c:3");
    }
}
