using System.Reflection;
using System.Text.RegularExpressions;
using RunbookEngine.Diagnostics;

namespace RunbookEngine.Core.Tests.Diagnostics;

public sealed partial class DiagnosticCodesTests
{
    [Fact]
    public void All_holds_every_descriptor_field()
    {
        var fields = typeof(DiagnosticCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.FieldType == typeof(DiagnosticDescriptor))
            .Select(f => (DiagnosticDescriptor)f.GetValue(null)!)
            .ToList();

        fields.Count.ShouldBeGreaterThan(60);
        DiagnosticCodes.All.ShouldBe(fields, ignoreOrder: true);
    }

    [Fact]
    public void Codes_are_unique()
    {
        var duplicates = DiagnosticCodes.All.GroupBy(d => d.Code).Where(g => g.Count() > 1).Select(g => g.Key).ToList();

        duplicates.ShouldBeEmpty();
    }

    [Fact]
    public void Codes_are_RB_and_four_digits_and_sorted()
    {
        foreach (var descriptor in DiagnosticCodes.All)
        {
            CodePattern().IsMatch(descriptor.Code).ShouldBeTrue(descriptor.Code);
        }

        DiagnosticCodes.All.Select(d => d.Code).ShouldBe(DiagnosticCodes.All.Select(d => d.Code).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Titles_are_short_sentences_without_a_full_stop()
    {
        foreach (var descriptor in DiagnosticCodes.All)
        {
            descriptor.Title.ShouldNotBeNullOrWhiteSpace(descriptor.Code);
            descriptor.Title.EndsWith('.').ShouldBeFalse(descriptor.Code);
            (char.IsUpper(descriptor.Title[0]) || descriptor.Title[0] == '\'').ShouldBeTrue(descriptor.Code);
        }
    }

    [Fact]
    public void Titles_are_unique()
    {
        DiagnosticCodes.All.Select(d => d.Title).Distinct().Count().ShouldBe(DiagnosticCodes.All.Count);
    }

    [Fact]
    public void Only_harmless_conditions_are_warnings()
    {
        DiagnosticCodes.All.Where(d => d.Severity == DiagnosticSeverity.Warning).Select(d => d.Code).ShouldBe(["RB0306", "RB0708"]);
    }

    [Theory]
    [InlineData("RB00", "YAML")]
    [InlineData("RB01", "structure")]
    [InlineData("RB02", "metadata")]
    [InlineData("RB03", "parameter definitions")]
    [InlineData("RB04", "steps")]
    [InlineData("RB05", "expressions")]
    [InlineData("RB06", "calls and catalog")]
    [InlineData("RB07", "parameter values")]
    [InlineData("RB08", "command line")]
    public void Every_documented_range_is_in_use(string prefix, string range)
    {
        DiagnosticCodes.All.ShouldContain(d => d.Code.StartsWith(prefix, StringComparison.Ordinal), range);
    }

    [Fact]
    public void No_code_outside_the_documented_ranges()
    {
        DiagnosticCodes.All.ShouldAllBe(d => string.CompareOrdinal(d.Code, "RB0001") >= 0 && string.CompareOrdinal(d.Code, "RB0899") <= 0);
    }

    [GeneratedRegex(@"^RB\d{4}$")]
    private static partial Regex CodePattern();
}
