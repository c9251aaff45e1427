using RunbookEngine.Activities.Dragonboat.Activities;
using RunbookEngine.Activities.Dragonboat.Tool;

namespace RunbookEngine.Activities.Dragonboat.Tests;

/// <summary>The cross-host member checks made before anything is touched.</summary>
public sealed class MembershipRulesTests
{
    private static readonly Member[] Old = [M(1, "m1"), M(2, "m2"), M(3, "m3")];
    private static readonly Member[] New = [M(1, "m1"), M(4, "m4"), M(5, "m5")];

    [Fact]
    public void The_seed_example_is_valid()
    {
        MembershipRules.Problems(New, [H(1, "m1"), H(4, "m4"), H(5, "m5")], Old, []).ShouldBeEmpty();
    }

    [Fact]
    public void A_host_whose_replica_is_not_a_member_is_invalid_members()
    {
        MembershipRules.Problems([M(1, "m1"), M(4, "m4")], [H(1, "m1"), H(4, "m4"), H(5, "m5")], Old, [])
            .ShouldContain(p => p.StartsWith("invalid members: host m5 would import as replica 5", StringComparison.Ordinal));
    }

    [Fact]
    public void Swapped_replica_ids_are_reported_as_a_wrong_replica_id()
    {
        var problems = MembershipRules.Problems(New, [H(1, "m1"), H(5, "m4"), H(4, "m5")], Old, []);
        problems.Count(p => p.Contains("wrong replica id", StringComparison.Ordinal)).ShouldBe(2);
    }

    [Fact]
    public void A_member_that_no_host_imports_is_reported()
    {
        MembershipRules.Problems(New, [H(1, "m1"), H(4, "m4")], Old, [])
            .ShouldContain("member 5 (m5) is not imported on any host: every member must import the same snapshot");
    }

    [Fact]
    public void Moved_and_removed_replicas_are_refused_like_checkMembers()
    {
        var problems = MembershipRules.Problems([M(1, "m1"), M(2, "m4"), M(6, "m6")], [H(1, "m1"), H(2, "m4"), H(6, "m6")], Old, [M(6, "old6")]);
        problems.ShouldContain(p => p.StartsWith("node address changed: replica 2", StringComparison.Ordinal));
        problems.ShouldContain(p => p.StartsWith("adding a removed node: replica 6", StringComparison.Ordinal));
    }

    [Fact]
    public void Duplicates_empty_lists_and_unsafe_addresses_are_reported()
    {
        MembershipRules.Problems([], [], [], []).ShouldContain("members is empty");
        var problems = MembershipRules.Problems([M(1, "m1"), M(1, "m2"), M(3, "m1"), M(4, "it's")], [H(1, "m1")], [], []);
        problems.ShouldContain("replica 1 is listed 2 times in members");
        problems.ShouldContain("address m1 is given to replicas 1, 3");
        problems.ShouldContain(p => p.StartsWith("address 'it's'", StringComparison.Ordinal));
    }

    private static Member M(long id, string address) => new() { ReplicaId = id, Address = address };

    private static ImportHost H(long id, string address) => new() { ReplicaId = id, RaftAddress = address, NodeHostDir = "/nh/" + address };
}
