using System.Text;
using RunbookEngine.Catalog;
using RunbookEngine.Diagnostics;
using RunbookEngine.Loading;
using RunbookEngine.Parameters;

namespace RunbookEngine.Core.Tests.Fixtures;

/// <summary>
/// Every fixture under Fixtures/ produces exactly the diagnostics its '# expect:' header lists (code, line and
/// column; errors and warnings), is rejected, and throws nothing.
/// </summary>
public sealed class FixtureTests
{
    public static TheoryData<string> MalformedRunbooks() => FixturePaths.Files(FixturePaths.Malformed, "*.yaml");

    public static TheoryData<string> ParameterFiles() => FixturePaths.Files(FixturePaths.Parameters, "*.params.yaml");

    public static TheoryData<string> CatalogCases()
    {
        var data = new TheoryData<string>();
        foreach (var dir in Directory.EnumerateDirectories(FixturePaths.Catalogs).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(dir));
        }

        return data;
    }

    public static TheoryData<string> ValidRunbooks()
    {
        var data = new TheoryData<string>();
        foreach (var file in RunbookFiles.Under(FixturePaths.ValidCatalogRoot))
        {
            data.Add(Path.GetRelativePath(FixturePaths.ValidCatalogRoot, file));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(MalformedRunbooks))]
    public void Malformed_runbook_reports_exactly_the_expected_diagnostics(string file)
    {
        var path = Path.Combine(FixturePaths.Malformed, file);
        var header = FixtureHeader.Read(path);
        header.ExpectsNone.ShouldBeFalse($"{file}: a malformed runbook cannot expect no diagnostics");
        header.ExpectsError.ShouldBeTrue($"{file}: a malformed runbook must expect at least one error (so validate exits 2)");

        var result = FixturePaths.ValidCatalog.Loader.LoadFile(path);

        AssertDiagnostics(path, header, result.Diagnostics);
        result.HasErrors.ShouldBeTrue();
        result.Runbook.ShouldBeNull();
    }

    [Theory]
    [MemberData(nameof(CatalogCases))]
    public void Catalog_case_reports_exactly_the_expected_diagnostics_per_file(string name)
    {
        var root = Path.Combine(FixturePaths.Catalogs, name, "runbooks");
        Directory.Exists(root).ShouldBeTrue($"catalog case '{name}' needs a runbooks/ folder");
        var catalog = RunbookCatalog.Open(root, BuiltInActivityCatalog.Catalog);
        var files = RunbookFiles.Under(root).ToList();
        files.ShouldNotBeEmpty();

        var anyError = false;
        foreach (var file in files)
        {
            var header = FixtureHeader.Read(file);
            var display = RunbookLoader.DisplayPath(file);
            var result = catalog.Loader.LoadFile(file);
            var actual = result.Diagnostics.Concat(catalog.Diagnostics.Where(d => d.Span.File == display)).ToList();

            AssertDiagnostics(file, header, actual);
            anyError |= header.ExpectsError;
        }

        anyError.ShouldBeTrue($"catalog case '{name}' must contain at least one file that has errors");
        catalog.Diagnostics.ShouldAllBe(d => files.Select(RunbookLoader.DisplayPath).Contains(d.Span.File));
    }

    [Theory]
    [MemberData(nameof(ParameterFiles))]
    public void Malformed_parameter_file_reports_exactly_the_expected_diagnostics(string file)
    {
        var path = Path.Combine(FixturePaths.Parameters, file);
        var header = FixtureHeader.Read(path);
        header.ExpectsError.ShouldBeTrue($"{file}: a malformed parameter file must expect at least one error");
        header.Runbook.ShouldNotBeNull($"{file}: say which runbook the file binds against with '# runbook: Valid/runbooks/...'");
        var runbookPath = Path.Combine(FixturePaths.Root, header.Runbook);
        var load = FixturePaths.ValidCatalog.Loader.LoadFile(runbookPath);
        load.Diagnostics.ShouldBeEmpty($"{header.Runbook} must be a valid runbook");

        var result = ParameterBinder.Bind(load.Runbook!, [], path);

        AssertDiagnostics(path, header, result.Diagnostics);
        result.Success.ShouldBeFalse();
        result.Parameters.ShouldBeNull();
    }

    [Theory]
    [MemberData(nameof(ValidRunbooks))]
    public void Valid_fixture_runbook_has_no_diagnostics(string file)
    {
        var path = Path.Combine(FixturePaths.ValidCatalogRoot, file);
        var result = FixturePaths.ValidCatalog.Loader.LoadFile(path);

        result.Diagnostics.ShouldBeEmpty();
        result.Runbook.ShouldNotBeNull();
        FixturePaths.ValidCatalog.Diagnostics.ShouldBeEmpty();
    }

    [Fact]
    public void There_are_enough_fixtures()
    {
        Directory.GetFiles(FixturePaths.Malformed, "*.yaml").Length.ShouldBeGreaterThanOrEqualTo(40);
        Directory.GetFiles(FixturePaths.Parameters, "*.params.yaml").Length.ShouldBeGreaterThanOrEqualTo(12);
        Directory.GetDirectories(FixturePaths.Catalogs).Length.ShouldBeGreaterThanOrEqualTo(4);
    }

    [Fact]
    public void Every_file_in_the_fixture_folders_is_picked_up_by_a_theory()
    {
        // A fixture saved as .yml or with a wrong suffix would silently never run.
        Directory.GetFiles(FixturePaths.Malformed).ShouldAllBe(f => f.EndsWith(".yaml", StringComparison.Ordinal));
        Directory.GetFiles(FixturePaths.Parameters).ShouldAllBe(f => f.EndsWith(".params.yaml", StringComparison.Ordinal));
        Directory.GetFiles(FixturePaths.Catalogs, "*", SearchOption.AllDirectories)
            .ShouldAllBe(f => f.EndsWith(".yaml", StringComparison.Ordinal) && f.Contains($"{Path.DirectorySeparatorChar}runbooks{Path.DirectorySeparatorChar}", StringComparison.Ordinal));
    }

    [Fact]
    public void A_completely_empty_file_is_an_empty_document()
    {
        // A fixture file cannot be empty (it carries its header), so the zero-byte case is checked here.
        var result = new RunbookLoader(BuiltInActivityCatalog.Catalog).Load(new global::RunbookEngine.Syntax.SourceText("empty.yaml", string.Empty));

        result.Diagnostics.Select(ExpectedDiagnostic.Of).ShouldBe([new ExpectedDiagnostic("RB0003", 1, 1)]);
        result.Runbook.ShouldBeNull();
    }

    internal static void AssertDiagnostics(string path, FixtureHeader header, IReadOnlyList<Diagnostic> diagnostics)
    {
        var actual = diagnostics.Select(ExpectedDiagnostic.Of).Order().ToList();
        if (!actual.SequenceEqual(header.Expected))
        {
            Assert.Fail(Describe(path, header.Expected, diagnostics));
        }

        foreach (var text in header.Says)
        {
            diagnostics.ShouldContain(d => d.Message.Contains(text, StringComparison.Ordinal) || (d.Hint ?? string.Empty).Contains(text, StringComparison.Ordinal),
                $"{Path.GetFileName(path)}: no diagnostic says \"{text}\"");
        }

        var display = RunbookLoader.DisplayPath(path);
        foreach (var d in diagnostics)
        {
            d.Message.ShouldNotBeNullOrWhiteSpace($"{d.Code} at {d.Span} has no message");
            d.Span.File.ShouldBe(display, $"{d.Code}: diagnostics of a fixture point into the fixture itself");
            foreach (var secret in header.Secrets)
            {
                $"{d.Span.File} {d.YamlPath} {d.Message} {d.Hint}".ShouldNotContain(secret, Case.Sensitive, $"{d.Code} shows a secret value");
            }
        }
    }

    private static string Describe(string path, IReadOnlyList<ExpectedDiagnostic> expected, IReadOnlyList<Diagnostic> diagnostics)
    {
        var text = new StringBuilder();
        text.AppendLine($"{Path.GetFileName(path)}: the diagnostics differ from the header.");
        text.AppendLine("expected:");
        foreach (var e in expected)
        {
            text.AppendLine($"  # expect: {e}");
        }

        text.AppendLine("actual:");
        foreach (var d in diagnostics)
        {
            text.AppendLine($"  # expect: {ExpectedDiagnostic.Of(d)}    ({d.Severity}: {d.Message} | {d.YamlPath})");
        }

        return text.ToString();
    }
}
