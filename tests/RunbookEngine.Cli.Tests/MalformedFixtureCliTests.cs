using System.Globalization;
using System.Text.RegularExpressions;
using RunbookEngine.Catalog;
using RunbookEngine.Diagnostics;
using RunbookEngine.Loading;

namespace RunbookEngine.Cli.Tests;

/// <summary>
/// Runs <c>runbook validate</c> in-process on every malformed runbook fixture of
/// tests/RunbookEngine.Core.Tests/Fixtures (with the real built-in activities): exit 2, exactly the
/// diagnostics of the fixture's '# expect:' header, each printed as <c>file:line:col: error RBxxxx:</c>,
/// and no stack trace on either stream.
/// </summary>
public sealed partial class MalformedFixtureCliTests
{
    private static readonly string RepoRoot = RunbookEngine.Testing.Repository.Root;
    private static readonly string FixtureRoot = Path.Combine(RepoRoot, "tests", "RunbookEngine.Core.Tests", "Fixtures");
    private static readonly string ValidCatalog = Path.Combine(FixtureRoot, "Valid", "runbooks");

    public static TheoryData<string> MalformedRunbooks()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(Path.Combine(FixtureRoot, "Malformed"), "*.yaml").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(file));
        }

        return data;
    }

    public static TheoryData<string> CatalogCases()
    {
        var data = new TheoryData<string>();
        foreach (var dir in Directory.EnumerateDirectories(Path.Combine(FixtureRoot, "Catalogs")).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(dir));
        }

        return data;
    }

    [Fact]
    public void There_are_at_least_forty_malformed_runbooks() =>
        MalformedRunbooks().Count.ShouldBeGreaterThanOrEqualTo(40);

    [Theory]
    [MemberData(nameof(MalformedRunbooks))]
    public async Task Validate_reports_the_expected_diagnostics_and_exits_2(string file)
    {
        var path = Path.Combine(FixtureRoot, "Malformed", file);
        var expected = Expected(path);
        expected.ShouldNotBeEmpty($"{file} has no '# expect:' header");

        var (exit, stdout, stderr) = await RunAsync("validate", path, "--catalog", ValidCatalog);

        AssertNoStackTrace(stdout, stderr);
        exit.ShouldBe(2, $"stderr:\n{stderr}");
        Printed(stderr).ShouldBe(expected, ignoreOrder: true, $"stderr:\n{stderr}");
        foreach (var e in expected)
        {
            stderr.ShouldContain($"{e.File}:{e.Line}:{e.Column}: {e.Severity} {e.Code}: ");
        }

        stdout.ShouldContain("1 of 1 file invalid");
    }

    [Theory]
    [MemberData(nameof(CatalogCases))]
    public async Task Validate_reports_the_expected_diagnostics_of_a_catalog(string name)
    {
        var root = Path.Combine(FixtureRoot, "Catalogs", name, "runbooks");
        var expected = RunbookFiles.Under(root).SelectMany(Expected).ToList();
        expected.ShouldContain(e => e.Severity == "error");

        var (exit, stdout, stderr) = await RunAsync("validate", root, "--catalog", root);

        AssertNoStackTrace(stdout, stderr);
        exit.ShouldBe(2, $"stderr:\n{stderr}");
        Printed(stderr).ShouldBe(expected, ignoreOrder: true, $"stderr:\n{stderr}");
    }

    [Fact]
    public async Task Validate_reports_a_zero_byte_file_as_empty()
    {
        var dir = Directory.CreateTempSubdirectory("runbook-fixtures-");
        try
        {
            var path = Path.Combine(dir.FullName, "empty.yaml");
            await File.WriteAllTextAsync(path, string.Empty);

            var (exit, stdout, stderr) = await RunAsync("validate", path, "--catalog", ValidCatalog);

            AssertNoStackTrace(stdout, stderr);
            exit.ShouldBe(2);
            Printed(stderr).ShouldBe([new Printed(RunbookLoader.DisplayPath(path), 1, 1, "error", "RB0003")]);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    private static async Task<(int Exit, string Stdout, string Stderr)> RunAsync(params string[] args)
    {
        using var stdout = new StringWriter(CultureInfo.InvariantCulture);
        using var stderr = new StringWriter(CultureInfo.InvariantCulture);
        var exit = await CliApp.RunAsync(args, new CliEnvironment(stdout, stderr, IsTerminal: false, WorkingDirectory: RepoRoot));
        return (exit, stdout.ToString(), stderr.ToString());
    }

    private static void AssertNoStackTrace(string stdout, string stderr)
    {
        foreach (var (name, text) in new[] { ("stdout", stdout), ("stderr", stderr) })
        {
            text.ShouldNotContain("   at ", Case.Sensitive, $"{name} shows a stack trace:\n{text}");
            text.ShouldNotContain("Exception", Case.Sensitive, $"{name} names an exception:\n{text}");
            text.ShouldNotContain("internal error", Case.Sensitive, $"{name}:\n{text}");
        }
    }

    /// <summary>The '# expect: RB0101 12:5' lines of a fixture's leading comment block.</summary>
    private static List<Printed> Expected(string path)
    {
        var display = RunbookLoader.DisplayPath(path);
        var result = new List<Printed>();
        foreach (var line in File.ReadLines(path).TakeWhile(l => l.StartsWith('#')))
        {
            if (ExpectLine().Match(line) is { Success: true } m)
            {
                var code = m.Groups["code"].Value;
                var severity = DiagnosticCodes.All.Single(d => d.Code == code).Severity == DiagnosticSeverity.Error ? "error" : "warning";
                result.Add(new Printed(display, Int(m, "line"), Int(m, "col"), severity, code));
            }
        }

        return result;
    }

    /// <summary>Every diagnostic header line the printer wrote: <c>file:line:col: error RB0101: message</c>.</summary>
    private static List<Printed> Printed(string stderr)
    {
        var result = new List<Printed>();
        foreach (var line in stderr.Split('\n').Select(l => l.TrimEnd('\r')))
        {
            if (PrintedLine().Match(line) is { Success: true } m)
            {
                result.Add(m.Groups["line"].Success
                    ? new Printed(m.Groups["file"].Value, Int(m, "line"), Int(m, "col"), m.Groups["sev"].Value, m.Groups["code"].Value)
                    : new Printed(m.Groups["file"].Value, 0, 0, m.Groups["sev"].Value, m.Groups["code"].Value));
            }
        }

        return result;
    }

    private static int Int(Match m, string group) => int.Parse(m.Groups[group].Value, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^# expect: (?<code>RB[0-9]{4}) (?<line>[0-9]+):(?<col>[0-9]+)$")]
    private static partial Regex ExpectLine();

    [GeneratedRegex(@"^(?<file>[^ ].*?)(:(?<line>[0-9]+):(?<col>[0-9]+))?: (?<sev>error|warning) (?<code>RB[0-9]{4}): ")]
    private static partial Regex PrintedLine();
}

/// <summary>One diagnostic as the CLI prints it; line 0 is the file as a whole.</summary>
internal sealed record Printed(string File, int Line, int Column, string Severity, string Code);
