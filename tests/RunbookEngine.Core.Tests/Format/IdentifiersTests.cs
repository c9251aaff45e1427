using RunbookEngine.Format;

namespace RunbookEngine.Core.Tests.Format;

public sealed class IdentifiersTests
{
    [Theory]
    [InlineData("a")]
    [InlineData("find-latest")]
    [InlineData("_private")]
    [InlineData("Node2")]
    [InlineData("data_dir")]
    public void Valid_names(string name) => Identifiers.IsValid(name).ShouldBeTrue();

    [Theory]
    [InlineData("")]
    [InlineData("1st")]
    [InlineData("-x")]
    [InlineData("a.b")]
    [InlineData("a b")]
    [InlineData("a/b")]
    [InlineData("é")]
    public void Invalid_names(string name) => Identifiers.IsValid(name).ShouldBeFalse();
}
