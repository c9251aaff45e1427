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
    [InlineData(4099)]
    public void Sliced_table_agrees_with_bit_by_bit_reference(int length)
    {
        var data = new byte[length];
        new Random(length).NextBytes(data);
        RaftCrc32.Compute(data).ShouldBe(RaftBytes.Crc(data));
    }

    [Fact]
    public void Update_continues_a_checksum_across_pieces()
    {
        var data = new byte[1000];
        new Random(3).NextBytes(data);
        RaftCrc32.Update(RaftCrc32.Compute(data.AsSpan(0, 333)), data.AsSpan(333)).ShouldBe(RaftCrc32.Compute(data));
    }
}
