using System.Text.RegularExpressions;
using RunbookEngine.Core.Tests.Support;
using RunbookEngine.Diagnostics;

namespace RunbookEngine.Core.Tests.Diagnostics;

/// <summary>docs/diagnostics.md documents every code, and nothing else.</summary>
public sealed partial class DiagnosticsDocTests
{
    private static readonly string DocPath = Path.Combine(RepositoryRoot.Path, "docs", "diagnostics.md");

    private static List<(string Code, string Title)> Headings() =>
        Heading().Matches(File.ReadAllText(DocPath)).Select(m => (m.Groups[1].Value, m.Groups[2].Value.Trim())).ToList();

    [Fact]
    public void Every_code_has_a_heading()
    {
        File.Exists(DocPath).ShouldBeTrue(DocPath);
        var documented = Headings().Select(h => h.Code).ToHashSet();

        DiagnosticCodes.All.Select(d => d.Code).Where(c => !documented.Contains(c)).ShouldBeEmpty("codes missing a '### RBxxxx' heading in docs/diagnostics.md");
    }

    [Fact]
    public void Every_heading_is_a_code_that_exists_once_with_its_title()
    {
        var codes = DiagnosticCodes.All.ToDictionary(d => d.Code, d => d.Title);
        var headings = Headings();

        headings.Select(h => h.Code).Distinct().Count().ShouldBe(headings.Count, "a code has two headings");
        foreach (var (code, title) in headings)
        {
            codes.ShouldContainKey(code);
            title.ShouldBe(codes[code], $"title of {code}");
        }
    }

    [Fact]
    public void Headings_are_in_code_order()
    {
        var codes = Headings().Select(h => h.Code).ToList();

        codes.ShouldBe(codes.Order(StringComparer.Ordinal).ToList());
    }

    [GeneratedRegex(@"^### (RB\d{4})(?: — (.*))?$", RegexOptions.Multiline)]
    private static partial Regex Heading();
}
