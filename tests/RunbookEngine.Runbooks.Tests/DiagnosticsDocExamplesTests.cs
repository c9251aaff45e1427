using System.Text.RegularExpressions;
using RunbookEngine.Catalog;
using RunbookEngine.Diagnostics;
using RunbookEngine.Parameters;
using RunbookEngine.Syntax;

namespace RunbookEngine.Runbooks.Tests;

/// <summary>
/// Every example in docs/diagnostics.md reports the code it illustrates, and only that code (or a follow-on the
/// doc mentions): a YAML runbook is loaded with the repository catalog; blocks headed <c># runbooks/...</c> form a
/// catalog of their own, of which the first file is loaded; <c>-p</c> arguments and <c># params.yaml</c> are bound
/// against the runbook of the "Parameter values" section.
/// </summary>
public sealed partial class DiagnosticsDocExamplesTests
{
    /// <summary>Codes whose conditions (files, command lines) are described rather than loaded.</summary>
    private static readonly HashSet<string> WithoutRunnableExample = ["RB0002", "RB0801", "RB0802", "RB0803", "RB0804", "RB0805"];

    /// <summary>Follow-on codes the doc mentions next to an example (an unknown alias leaves an empty value behind).</summary>
    private static readonly Dictionary<string, string[]> FollowOn = new() { ["RB0007"] = ["RB0103"] };

    private static readonly string Doc = File.ReadAllText(Path.Combine(Repository.Root, "docs", "diagnostics.md")).ReplaceLineEndings("\n");

    private sealed record Block(string Language, string Text)
    {
        public string FirstLine => Text.Split('\n')[0];
    }

    private static List<Block> Blocks(string markdown) =>
        Fence().Matches(markdown).Select(m => new Block(m.Groups[1].Value, m.Groups[2].Value)).ToList();

    private static Dictionary<string, string> Sections()
    {
        var headings = SectionHeading().Matches(Doc).ToList();
        var sections = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < headings.Count; i++)
        {
            var end = i + 1 < headings.Count ? headings[i + 1].Index : Doc.Length;
            var next = Doc.IndexOf("\n## ", headings[i].Index, StringComparison.Ordinal);
            sections[headings[i].Groups[1].Value] = Doc[headings[i].Index..(next >= 0 && next < end ? next : end)];
        }

        return sections;
    }

    public static TheoryData<string> Codes()
    {
        var data = new TheoryData<string>();
        foreach (var descriptor in DiagnosticCodes.All)
        {
            data.Add(descriptor.Code);
        }

        return data;
    }

    private static string ParametersRunbook()
    {
        var start = Doc.IndexOf("\n## Parameter values", StringComparison.Ordinal);
        start.ShouldBeGreaterThan(0);
        return Blocks(Doc[start..Doc.IndexOf("\n### ", start, StringComparison.Ordinal)]).Single(b => b.Language == "yaml").Text;
    }

    private static string Describe(IEnumerable<Diagnostic> diagnostics) =>
        string.Join(Environment.NewLine, diagnostics.Select(d => $"{d} hint: {d.Hint}"));

    [Theory]
    [MemberData(nameof(Codes))]
    public void Example_reports_its_code_and_nothing_else(string code)
    {
        var sections = Sections();
        sections.ShouldContainKey(code);
        var blocks = Blocks(sections[code]);
        var catalogFiles = blocks.Where(b => b.Language == "yaml" && CatalogFile().IsMatch(b.FirstLine)).ToList();
        var paramsFiles = blocks.Where(b => b.Language == "yaml" && b.FirstLine == "# params.yaml").ToList();
        var runbooks = blocks.Where(b => b.Language == "yaml").Except(catalogFiles).Except(paramsFiles).ToList();
        var assignments = blocks.Where(b => b.Language == "text").SelectMany(b => Assignment().Matches(b.Text).Select(m => m.Groups[1].Value)).ToList();

        List<Diagnostic> reported;
        if (catalogFiles.Count > 0)
        {
            reported = LoadCatalog(catalogFiles);
        }
        else if (runbooks.Count > 0)
        {
            runbooks.Count.ShouldBe(1, $"{code} has more than one standalone example");
            reported = [.. Repository.Catalog.Loader.Load(new SourceText("example.yaml", runbooks[0].Text)).Diagnostics];
        }
        else if (paramsFiles.Count > 0 || assignments.Count > 0)
        {
            reported = Bind(paramsFiles.SingleOrDefault()?.Text, assignments);
        }
        else
        {
            WithoutRunnableExample.ShouldContain(code, $"{code} has no example the test can run");
            return;
        }

        WithoutRunnableExample.ShouldNotContain(code, $"{code} now has a runnable example; remove it from the list");
        reported.ShouldNotBeEmpty($"the example of {code} reports nothing");
        reported.Select(d => d.Code).ShouldContain(code, Describe(reported));
        reported.Select(d => d.Code).Where(c => c != code).ShouldBeSubsetOf(FollowOn.GetValueOrDefault(code) ?? [], Describe(reported));
    }

    [Fact]
    public void Runbook_of_the_parameter_values_section_is_valid()
    {
        var result = Repository.Catalog.Loader.Load(new SourceText("example.yaml", ParametersRunbook()));

        result.Diagnostics.ShouldBeEmpty(Describe(result.Diagnostics));
    }

    private static List<Diagnostic> LoadCatalog(IReadOnlyList<Block> files)
    {
        var root = Path.Combine(Path.GetTempPath(), "rbdoc-" + Guid.NewGuid().ToString("N"));
        try
        {
            var paths = new List<string>();
            foreach (var file in files)
            {
                var path = Path.Combine(root, CatalogFile().Match(file.FirstLine).Groups[1].Value);
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                File.WriteAllText(path, file.Text);
                paths.Add(path);
            }

            // The catalog's own diagnostics and those of the first file: later files may be broken on purpose (RB0605).
            var catalog = RunbookCatalog.Open(Path.Combine(root, "runbooks"), Repository.Activities);
            return [.. catalog.Diagnostics, .. catalog.Loader.LoadFile(paths[0]).Diagnostics];
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static List<Diagnostic> Bind(string? paramsFile, IReadOnlyList<string> assignments)
    {
        var runbook = Repository.Catalog.Loader.Load(new SourceText("example.yaml", ParametersRunbook())).Runbook.ShouldNotBeNull();
        if (paramsFile is null)
        {
            return [.. ParameterBinder.Bind(runbook, assignments, null).Diagnostics];
        }

        var path = Path.Combine(Path.GetTempPath(), "rbdoc-params-" + Guid.NewGuid().ToString("N") + ".yaml");
        try
        {
            File.WriteAllText(path, paramsFile);
            return [.. ParameterBinder.Bind(runbook, assignments, path).Diagnostics];
        }
        finally
        {
            File.Delete(path);
        }
    }

    [GeneratedRegex(@"^### (RB\d{4})", RegexOptions.Multiline)]
    private static partial Regex SectionHeading();

    [GeneratedRegex(@"^```(\w+)\n(.*?)^```$", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex Fence();

    [GeneratedRegex(@"^# (runbooks/\S+\.ya?ml)$")]
    private static partial Regex CatalogFile();

    [GeneratedRegex(@"-p (\S+)")]
    private static partial Regex Assignment();
}
