using RunbookEngine.Activities.Cowsql.Inspection;
using RunbookEngine.Activities.Cowsql.Tests.TestSupport;
using static RunbookEngine.Activities.Cowsql.Tests.TestSupport.NodeDirectoryBuilder;

namespace RunbookEngine.Activities.Cowsql.Tests.Inspection;

/// <summary>raft's configuration encoding (reference §2.4).</summary>
public sealed class ConfigurationDecoderTests
{
    [Fact]
    public void Three_servers_decode_with_raft_roles()
    {
        var bytes = RaftBytes.Configuration(Node1, Node2, Node3);

        // 1 + 8 + 3 × (8 + 14-byte address + NUL + role) = 81, padded to 88: the size the reference
        // measured for a 3-server demo configuration (§2.4).
        bytes.Length.ShouldBe(88);
        ConfigurationDecoder.TryDecode(bytes, out var error).ShouldBe([Node1, Node2, Node3]);
        error.ShouldBeNull();
    }

    [Theory]
    [InlineData(new byte[0], "empty configuration")]
    [InlineData(new byte[] { 2, 0, 0, 0, 0, 0, 0, 0, 0 }, "unknown configuration encoding version 2")]
    [InlineData(new byte[] { 1, 1, 0, 0 }, "configuration of 4 bytes ends inside the server count")]
    [InlineData(new byte[] { 1, 255, 255, 0, 0, 0, 0, 0, 0, 0, 0 }, "configuration claims 65535 servers in 11 bytes")]
    public void Malformed_configurations_are_described(byte[] bytes, string message)
    {
        ConfigurationDecoder.TryDecode(bytes, out var error).ShouldBeNull();
        error.ShouldBe(message);
    }

    [Fact]
    public void Duplicate_servers_are_refused_quickly_even_in_a_huge_configuration()
    {
        var many = Enumerable.Range(0, 60_000).Select(i => new ClusterMember((ulong)i + 10, $"10.0.{i / 256}.{i % 256}:1", MemberRole.Spare)).ToList();
        many.Add(many[^1] with { Id = 1 });
        var bytes = RaftBytes.Configuration([.. many]);

        var watch = System.Diagnostics.Stopwatch.StartNew();
        ConfigurationDecoder.TryDecode(bytes, out var error).ShouldBeNull();

        error!.ShouldContain("appears twice");
        watch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(2));
    }
}
