using System.Text;
using RunbookEngine.Journal;

namespace RunbookEngine.Core.Tests.Journal;

public sealed class Crc32Tests
{
    [Theory]
    [InlineData("", 0x00000000u)]
    [InlineData("123456789", 0xCBF43926u)] // the standard check value for CRC-32/IEEE
    [InlineData("The quick brown fox jumps over the lazy dog", 0x414FA339u)]
    public void Matches_the_IEEE_check_values(string text, uint expected) =>
        Crc32.Compute(Encoding.ASCII.GetBytes(text)).ShouldBe(expected);

    [Fact]
    public void Computing_in_pieces_gives_the_same_value()
    {
        var data = Encoding.UTF8.GetBytes("{\"seq\":1,\"at\":\"2026-11-21T03:28:12.0000000Z\",\"type\":\"RunStarted\"}");
        var running = Crc32.Append(Crc32.Start, data.AsSpan(0, 10));
        running = Crc32.Append(running, data.AsSpan(10));
        Crc32.Finish(running).ShouldBe(Crc32.Compute(data));
    }
}
