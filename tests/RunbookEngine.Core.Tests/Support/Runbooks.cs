using RunbookEngine.Activities;
using RunbookEngine.Diagnostics;
using RunbookEngine.Loading;
using RunbookEngine.Model;
using RunbookEngine.Syntax;

namespace RunbookEngine.Core.Tests.Support;

/// <summary>Loads runbook text with the test activities and reads the outcome.</summary>
internal static class Runbooks
{
    /// <summary>apiVersion, kind and metadata of a valid runbook; append parameters, steps, ...</summary>
    public const string Header = """
        apiVersion: runbook/v1
        kind: Runbook
        metadata:
          name: test/sample
          version: 1.0.0
          title: Sample

        """;

    public static LoadResult Load(string yaml, IRunbookResolver? resolver = null, IActivityCatalog? activities = null, string file = "test.yaml") =>
        new RunbookLoader(activities ?? TestActivities.Catalog, resolver).Load(new SourceText(file, yaml));

    /// <summary>A runbook made of <see cref="Header"/> and <paramref name="body"/>.</summary>
    public static LoadResult LoadBody(string body, IRunbookResolver? resolver = null) => Load(Header + body, resolver);

    /// <summary>Loads and asserts that there is no diagnostic at all.</summary>
    public static Runbook Valid(string yaml, IRunbookResolver? resolver = null)
    {
        var result = Load(yaml, resolver);
        result.Diagnostics.ShouldBeEmpty(Describe(result.Diagnostics));
        return result.Runbook.ShouldNotBeNull();
    }

    public static Runbook ValidBody(string body, IRunbookResolver? resolver = null) => Valid(Header + body, resolver);

    public static IReadOnlyList<string> Codes(this LoadResult result) => result.Diagnostics.Select(d => d.Code).ToList();

    /// <summary>The single diagnostic with <paramref name="code"/>; fails listing everything otherwise.</summary>
    public static Diagnostic Single(this IReadOnlyList<Diagnostic> diagnostics, DiagnosticDescriptor code)
    {
        var matching = diagnostics.Where(d => d.Code == code.Code).ToList();
        matching.Count.ShouldBe(1, Describe(diagnostics));
        return matching[0];
    }

    public static Diagnostic Single(this LoadResult result, DiagnosticDescriptor code) => result.Diagnostics.Single(code);

    /// <summary>Asserts that the diagnostics are exactly these codes (in any order) and nothing else.</summary>
    public static void ShouldHaveCodes(this LoadResult result, params DiagnosticDescriptor[] codes) =>
        result.Codes().Order(StringComparer.Ordinal).ShouldBe(codes.Select(c => c.Code).Order(StringComparer.Ordinal), Describe(result.Diagnostics));

    public static string Describe(IEnumerable<Diagnostic> diagnostics) =>
        "diagnostics:" + Environment.NewLine + string.Join(Environment.NewLine, diagnostics.Select(d => $"  {d} [{d.YamlPath}] hint: {d.Hint}"));

    /// <summary>The syntax tree of <paramref name="yaml"/> and what the reader reported.</summary>
    public static (YamlNode? Root, DiagnosticBag Diagnostics) Read(string yaml, string file = "t.yaml")
    {
        var diagnostics = new DiagnosticBag();
        var root = YamlSyntaxReader.Read(new SourceText(file, yaml), diagnostics);
        return (root, diagnostics);
    }

    /// <summary>The mapping at the root of <paramref name="yaml"/>, asserting the reader reported nothing.</summary>
    public static YamlMapping Mapping(string yaml)
    {
        var (root, diagnostics) = Read(yaml);
        diagnostics.ShouldBeEmpty(Describe(diagnostics));
        return root.ShouldBeOfType<YamlMapping>();
    }
}

/// <summary>Resolves calls against runbook texts held in memory, loaded shallow (without following their calls).</summary>
internal sealed class MemoryResolver : IRunbookResolver
{
    private readonly Dictionary<string, string> _texts = new(StringComparer.Ordinal);

    public MemoryResolver Add(string name, string version, string body)
    {
        _texts[$"{name}@{version}"] = $"""
            apiVersion: runbook/v1
            kind: Runbook
            metadata:
              name: {name}
              version: {version}
              title: Callee

            """ + body;
        return this;
    }

    public RunbookResolution Resolve(RunbookReference reference)
    {
        var candidates = _texts
            .Select(t => (Key: t.Key, Text: t.Value, Version: SemVersion.TryParse(t.Key[(t.Key.IndexOf('@', StringComparison.Ordinal) + 1)..], out var v) ? v : null))
            .Where(t => t.Key.StartsWith(reference.Name + "@", StringComparison.Ordinal))
            .Where(t => reference.Version is null || t.Version!.CompareTo(reference.Version) == 0)
            .OrderByDescending(t => t.Version)
            .ToList();
        if (candidates.Count == 0)
        {
            return new RunbookResolution(null, $"no runbook '{reference}'");
        }

        var result = new RunbookLoader(TestActivities.Catalog, this).Load(new SourceText(candidates[0].Key + ".yaml", candidates[0].Text), checkCalls: false);
        return result.Runbook is null ? new RunbookResolution(null, $"'{reference}' has errors", Invalid: true) : new RunbookResolution(result.Runbook);
    }
}

/// <summary>A temporary folder, deleted on dispose.</summary>
internal sealed class TempDirectory : IDisposable
{
    public TempDirectory()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "rbtest-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string Write(string relative, string text)
    {
        var full = System.IO.Path.Combine(Path, relative);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.WriteAllText(full, text);
        return full;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a leftover temp folder does not affect results.
        }
    }
}
