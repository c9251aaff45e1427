using System.Text;
using System.Text.RegularExpressions;
using RunbookEngine.Cli.Tests.Support;

namespace RunbookEngine.Cli.Tests.Robustness;

/// <summary>
/// Half-edited runbooks are what authors validate all day. Every runbook of the catalog, damaged in seeded random
/// ways (a character dropped, a token inserted, lines swapped or re-indented, the file cut short), goes through
/// `runbook validate` in-process, the way an author runs it. Whatever the damage, the answer is exit 0 or 2 with
/// diagnostics that point inside the file, and never a crash, a stack trace or an internal error. A failure names the
/// seed and writes the damaged text next to the test output, so it can be replayed.
/// </summary>
public sealed partial class MutatedRunbookTests : IDisposable
{
    /// <summary>40 per runbook in the suite (a few seconds); RUNBOOK_MUTATIONS=2000 searches longer by hand.</summary>
    private static readonly int VariantsPerRunbook =
        int.TryParse(Environment.GetEnvironmentVariable("RUNBOOK_MUTATIONS"), out var n) && n > 0 ? n : 40;

    /// <summary>Text that trips parsers: YAML indicators, expression delimiters, quotes, tabs, odd numbers and characters.</summary>
    private static readonly string[] Tokens =
    [
        ":", ": ", "- ", "-", "${{", "}}", "${{ ", " }}", "'", "\"", "\t", "{", "}", "[", "]", ",", "&anchor ", "*anchor",
        "!!int ", "!custom ", "|", ">-", "\n", "\n  ", "#", "@", "%", "`", "?", "? ", "é", "𝄞", "\u00a0", "\ufeff", "   ",
        "${{ steps.", "${{ params.", "${{ item", "${{ steps.x.outputs.y[0] }}", "${{ params.a.b[9999999999] }}",
        "${{ join(", "${{ format('{0}{1}', ", "${{ (((( ", "${{ '", "~", "null", "-1", "1e400", "0x1F", "9999999999999999999999",
        "2147483648", "true", "no", "1.0.0", "v1", "---\n", "...\n", "<<: *anchor", "\\", "\\u", "${{ !!! }}", "${{ a ==",
    ];

    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    public static TheoryData<string> Runbooks()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(RepoPaths.Catalog, "*.yaml", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetRelativePath(RepoPaths.Catalog, file).Replace('\\', '/'));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Runbooks))]
    public async Task Damaged_copies_get_diagnostics_inside_the_file_never_a_crash(string runbook)
    {
        var original = await File.ReadAllTextAsync(Path.Combine(RepoPaths.Catalog, runbook));
        var catalog = _dir.Combine("runbooks");
        var target = _dir.Combine("runbooks/damaged.yaml");
        var seedBase = StableHash(runbook);
        var outcomes = new Dictionary<int, int>();
        for (var variant = 0; variant < VariantsPerRunbook; variant++)
        {
            var seed = seedBase + variant;
            var damaged = Damage(original, new Random(seed));
            _dir.Write("runbooks/damaged.yaml", damaged);

            var result = await CliRunner.RunAsync(_dir.Path, "validate", target, "--catalog", catalog);

            if (Problem(result, damaged) is { } problem)
            {
                var kept = Path.Combine(AppContext.BaseDirectory, "damaged", $"{runbook.Replace('/', '_')}.{seed}.yaml");
                Directory.CreateDirectory(Path.GetDirectoryName(kept)!);
                await File.WriteAllTextAsync(kept, damaged);
                Assert.Fail($"{problem}\nseed {seed} of {runbook}; the damaged text is in {kept}\n--- stdout ---\n{result.Stdout}--- stderr ---\n{result.Stderr}");
            }

            outcomes[result.ExitCode] = outcomes.GetValueOrDefault(result.ExitCode) + 1;
        }

        // The damage must actually damage: most variants are rejected (a few, like a duplicated comment line, are harmless).
        outcomes.GetValueOrDefault(2).ShouldBeGreaterThan(VariantsPerRunbook / 2, $"only {outcomes.GetValueOrDefault(2)} of {VariantsPerRunbook} damaged copies of {runbook} were rejected");
    }

    /// <summary>Values an operator might type by mistake, for every kind of parameter: empty, flow YAML gone wrong, odd numbers.</summary>
    private static readonly string[] Values =
    [
        "", "~", "null", "=", "a=b", "[", "]", "{", "[]", "{}", "[a, b", "{a: 1", "[{address: x}]", "[{address: 127.0.0.1:1, id: -1}]",
        "[{address: 127.0.0.1:1, id: 1, role: chief}]", "[{address: 127.0.0.1:1, id: 99999999999999999999}]", "{nodes: [1, 2]}",
        "yes", "True", "0", "-0", "1.5", "1e400", "NaN", "90", "90x", "-5s", "1h30m", "P1D", "/", "../..", "\0", "é𝄞", "'", "\"", "${{ params.x }}",
        "&a [1]", "*a", "!!binary AAAA", new string('x', 5000), "- a\n- b", "a: b\nc", "\t",
    ];

    [Theory]
    [MemberData(nameof(Runbooks))]
    public async Task Wrong_parameter_values_get_diagnostics_never_a_crash(string runbook)
    {
        var path = Path.Combine(RepoPaths.Catalog, runbook);
        var names = Names().Matches(await File.ReadAllTextAsync(path)).Select(m => m.Groups["name"].Value).Distinct().ToList();
        names.ShouldNotBeEmpty();
        var random = new Random(StableHash(runbook));
        for (var variant = 0; variant < VariantsPerRunbook; variant++)
        {
            var args = new List<string> { "validate", path, "--catalog", RepoPaths.Catalog };
            for (var i = random.Next(1, 4); i > 0; i--)
            {
                args.AddRange(["-p", $"{names[random.Next(names.Count)]}={Values[random.Next(Values.Length)]}"]);
            }

            var paramsText = string.Empty;
            if (random.Next(4) == 0)
            {
                paramsText = Damage($"{names[0]}: {Values[random.Next(Values.Length)]}\n{names[^1]}: [1, {{a: b}}]\n", random);
                args.AddRange(["--params", _dir.Write("params.yaml", paramsText)]);
            }

            var result = await CliRunner.RunAsync(_dir.Path, [.. args]);

            if (Problem(result, string.Empty, located: false) is { } problem)
            {
                Assert.Fail($"{problem}\n$ runbook {string.Join(' ', args)}\n--- params.yaml ---\n{paramsText}\n--- stdout ---\n{result.Stdout}--- stderr ---\n{result.Stderr}");
            }
        }
    }

    /// <summary>What is wrong with the CLI's answer to a damaged file, or null.</summary>
    private static string? Problem(CliResult result, string damaged, bool located = true)
    {
        if (result.ExitCode is not (0 or 2))
        {
            return $"exit {result.ExitCode}, expected 0 (valid) or 2 (invalid)";
        }

        foreach (var text in new[] { result.Stdout, result.Stderr })
        {
            foreach (var crash in new[] { "   at ", "Exception", "internal error" })
            {
                if (text.Contains(crash, StringComparison.Ordinal))
                {
                    return $"the output contains '{crash}'";
                }
            }
        }

        if (!located)
        {
            return result.ExitCode == 2 && !result.Stderr.Contains(" RB0", StringComparison.Ordinal) ? "exit 2 without a diagnostic" : null;
        }

        var lines = damaged.Split('\n').Length;
        foreach (Match m in Located().Matches(result.Stderr))
        {
            var line = int.Parse(m.Groups["line"].Value, System.Globalization.CultureInfo.InvariantCulture);
            var column = int.Parse(m.Groups["col"].Value, System.Globalization.CultureInfo.InvariantCulture);
            if (line < 1 || line > lines + 1 || column < 1)
            {
                return $"'{m.Value}' points outside the file ({lines} lines)";
            }
        }

        return result.ExitCode == 2 && !Located().IsMatch(result.Stderr) ? "exit 2 without a diagnostic at a line and column" : null;
    }

    /// <summary>One to three damages of random kinds, each at a random place.</summary>
    internal static string Damage(string text, Random random)
    {
        var count = random.Next(1, 4);
        for (var i = 0; i < count && text.Length > 0; i++)
        {
            var lines = text.Split('\n').ToList();
            var at = random.Next(text.Length);
            text = random.Next(8) switch
            {
                0 => text.Remove(at, Math.Min(random.Next(1, 20), text.Length - at)),
                1 or 2 => text.Insert(at, Tokens[random.Next(Tokens.Length)]),
                3 => Lines(lines, l => l.Insert(random.Next(l.Count), l[random.Next(l.Count)])),
                4 => Lines(lines, l => Swap(l, random.Next(l.Count), random.Next(l.Count))),
                5 => Lines(lines, l => Reindent(l, random.Next(l.Count), random.Next(2) == 0 ? "  " : null)),
                6 => text[..at],
                _ => text.Remove(at, 1).Insert(at, ((char)random.Next(32, 127)).ToString()),
            };
        }

        // A cut may fall inside a surrogate pair ('𝄞'); the files are written as UTF-8, which has no lone surrogate.
        return string.Concat(text.EnumerateRunes().Select(r => r.ToString()));
    }

    private static string Lines(List<string> lines, Action<List<string>> change)
    {
        change(lines);
        return string.Join('\n', lines);
    }

    private static void Swap(List<string> lines, int a, int b) => (lines[a], lines[b]) = (lines[b], lines[a]);

    private static void Reindent(List<string> lines, int index, string? more) =>
        lines[index] = more is not null ? more + lines[index] : lines[index].StartsWith("  ", StringComparison.Ordinal) ? lines[index][2..] : lines[index];

    /// <summary>A seed that depends only on the runbook's path, so a run is the same on every machine.</summary>
    private static int StableHash(string text)
    {
        var hash = 17;
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            hash = unchecked((hash * 31) + b);
        }

        return hash & 0x3fffffff;
    }

    /// <summary>The parameter names a runbook declares: the keys indented by two under 'parameters:'.</summary>
    [GeneratedRegex(@"(?<=^parameters:\n(?:(?:  .*|\s*)\n)*)^  (?<name>[A-Za-z][A-Za-z0-9_]*):", RegexOptions.Multiline)]
    private static partial Regex Names();

    [GeneratedRegex(@"^(?<file>[^\n:]+):(?<line>\d+):(?<col>\d+): (error|warning) RB\d{4}:", RegexOptions.Multiline)]
    private static partial Regex Located();
}
