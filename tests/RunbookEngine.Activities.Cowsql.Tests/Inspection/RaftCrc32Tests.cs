using System.Text;
using RunbookEngine.Activities.Cowsql.Inspection;
using RunbookEngine.Activities.Cowsql.Tests.TestSupport;

namespace RunbookEngine.Activities.Cowsql.Tests.Inspection;

public sealed class RaftCrc32Tests
{
    [Fact]
    public void Check_value_of_123456789_is_the_measured_one()
    {
        // Reference §2.1: non-reflected CRC-32/poly 0x04C11DB7, init 0, no final XOR.
        RaftCrc32.Compute(Encoding.ASCII.GetBytes("123456789")).ShouldBe(0x89A1897Fu);
    }

    [Fact]
    public void Bootstrap_segment_checksums_match_the_ones_raft_wrote()
    {
        // Bytes 16..79 of a real bootstrap segment and its CRCs, reference §2.1.
        var bytes = Convert.FromHexString(
            "0100000000000000" + "0100000000000000" + "03000000" + "28000000" +
            "01" + "0100000000000000" + "be55318c8571c12d" + "3132372e302e302e313a3934303100" + "01" + "00000000000000");
        RaftCrc32.Compute(bytes.AsSpan(0, 24)).ShouldBe(0x86F9992Du);
        RaftCrc32.Compute(bytes.AsSpan(24)).ShouldBe(0x2668A061u);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(8)]
    [InlineData(9)]
    [InlineData(63)]
    [InlineData(64)]
    [InlineData(65)]
    [InlineData(79)]
    [InlineData(80)]
    [InlineData(127)]
    [InlineData(128)]
    [InlineData(129)]
    [InlineData(4099)]
    [InlineData(262_144 + 21)]
    public void Every_path_agrees_with_the_bit_by_bit_reference(int length)
    {
        var data = new byte[length];
        new Random(length).NextBytes(data);
        var expected = RaftBytes.Crc(data);

        RaftCrc32.Compute(data).ShouldBe(expected);
        RaftCrc32.Sliced(0, data).ShouldBe(expected);
    }

    [Fact]
    public void Carry_less_folding_is_used_on_this_machine()
    {
        // The benchmark figures assume it (docs/benchmarks-cowsql.md); every x86-64 CPU since 2010 has it.
        if (System.Runtime.Intrinsics.X86.X86Base.IsSupported)
        {
            FoldingCrc32.IsSupported.ShouldBeTrue();
        }
        else
        {
            FoldingCrc32.IsSupported.ShouldBeFalse();
        }
    }

    [Fact]
    public void Update_continues_a_checksum_across_pieces()
    {
        var data = new byte[1000];
        new Random(3).NextBytes(data);
        var expected = RaftBytes.Crc(data);

        RaftCrc32.Update(RaftCrc32.Compute(data.AsSpan(0, 333)), data.AsSpan(333)).ShouldBe(expected);
        RaftCrc32.Update(RaftCrc32.Compute(data.AsSpan(0, 5)), data.AsSpan(5)).ShouldBe(expected);
        RaftCrc32.Update(RaftCrc32.Compute(data.AsSpan(0, 900)), data.AsSpan(900)).ShouldBe(expected);
    }
}
