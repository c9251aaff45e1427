using System.Globalization;
using System.Text.RegularExpressions;
using RunbookEngine.Diagnostics;

namespace RunbookEngine.Core.Tests.Fixtures;

/// <summary>One expected diagnostic: its code and 1-based position (line 0, column 0: the file as a whole).</summary>
internal readonly record struct ExpectedDiagnostic(string Code, int Line, int Column) : IComparable<ExpectedDiagnostic>
{
    public static ExpectedDiagnostic Of(Diagnostic d) => new(d.Code, d.Span.Line, d.Span.Column);

    public int CompareTo(ExpectedDiagnostic other)
    {
        var c = Line.CompareTo(other.Line);
        c = c != 0 ? c : Column.CompareTo(other.Column);
        return c != 0 ? c : string.CompareOrdinal(Code, other.Code);
    }

    public override string ToString() => $"{Code} {Line}:{Column}";
}

/// <summary>
/// The comment header at the top of a fixture file:
/// <code>
/// # expect: RB0101 12:5      one diagnostic (error or warning) expected at line 12, column 5
/// # expect: none             (catalog fixtures only) this file is valid
/// # runbook: Valid/x.yaml    (parameter fixtures) the runbook the file is bound against, relative to Fixtures/
/// # secret: hunter2          a text that must appear in no message, hint or file name
/// # says: did you mean 'x'?  a text that the message or hint of some diagnostic contains
/// </code>
/// Only the leading block of lines that start with '#' is read; anything else after '#' there is prose.
/// A line that starts with '# expect' but does not parse is an error, so a typo cannot silently drop an expectation.
/// </summary>
internal sealed partial record FixtureHeader(
    IReadOnlyList<ExpectedDiagnostic> Expected, bool ExpectsNone, string? Runbook, IReadOnlyList<string> Secrets, IReadOnlyList<string> Says)
{
    public static FixtureHeader Read(string path) => Parse(File.ReadAllText(path), path);

    public static FixtureHeader Parse(string text, string name)
    {
        var expected = new List<ExpectedDiagnostic>();
        var secrets = new List<string>();
        var says = new List<string>();
        var none = false;
        string? runbook = null;
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        for (var i = 0; i < lines.Length && lines[i].StartsWith('#'); i++)
        {
            var line = lines[i].TrimEnd();
            if (Expect().Match(line) is { Success: true } m)
            {
                expected.Add(new ExpectedDiagnostic(m.Groups["code"].Value,
                    int.Parse(m.Groups["line"].Value, CultureInfo.InvariantCulture),
                    int.Parse(m.Groups["col"].Value, CultureInfo.InvariantCulture)));
            }
            else if (ExpectNone().IsMatch(line))
            {
                none = true;
            }
            else if (line.StartsWith("# expect", StringComparison.Ordinal))
            {
                throw new FormatException($"{name}:{i + 1}: cannot read '{line}'; write '# expect: RB0123 <line>:<column>' or '# expect: none'");
            }
            else if (Key().Match(line) is { Success: true } k)
            {
                var value = k.Groups["value"].Value;
                switch (k.Groups["key"].Value)
                {
                    case "runbook":
                        runbook = value;
                        break;
                    case "secret":
                        secrets.Add(value);
                        break;
                    default:
                        says.Add(value);
                        break;
                }
            }
        }

        if (expected.Count == 0 && !none)
        {
            throw new FormatException($"{name}: the fixture has no '# expect:' header; every fixture states the diagnostics it must produce");
        }

        if (expected.Count > 0 && none)
        {
            throw new FormatException($"{name}: '# expect: none' contradicts the other '# expect:' lines");
        }

        foreach (var code in expected.Select(e => e.Code).Distinct())
        {
            if (DiagnosticCodes.All.All(d => d.Code != code))
            {
                throw new FormatException($"{name}: '{code}' is not a diagnostic code of the product");
            }
        }

        expected.Sort();
        return new FixtureHeader(expected, none, runbook, secrets, says);
    }

    /// <summary>Whether at least one expected diagnostic is an error (so the file is rejected, exit 2).</summary>
    public bool ExpectsError => Expected.Any(e => Severity(e.Code) == DiagnosticSeverity.Error);

    public static DiagnosticSeverity Severity(string code) => DiagnosticCodes.All.Single(d => d.Code == code).Severity;

    [GeneratedRegex(@"^# expect: (?<code>RB[0-9]{4}) (?<line>[0-9]+):(?<col>[0-9]+)$")]
    private static partial Regex Expect();

    [GeneratedRegex(@"^# expect: none$")]
    private static partial Regex ExpectNone();

    [GeneratedRegex(@"^# (?<key>runbook|secret|says): (?<value>\S.*)$")]
    private static partial Regex Key();
}
