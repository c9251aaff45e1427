using System.Reflection;
using RunbookEngine.Journal;
using RunbookEngine.Runs;
using RunbookEngine.Testing;

namespace RunbookEngine.Core.Tests.Journal;

/// <summary>The journal's and the run store's codes are stable and each has its section in docs/journal-format.md.</summary>
public sealed class StoreErrorCodesTests
{
    private static List<string> Codes() =>
        new[] { typeof(JournalErrorCodes), typeof(RunErrorCodes) }
            .SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.Static))
            .Where(f => f.IsLiteral)
            .Select(f => (string)f.GetRawConstantValue()!)
            .ToList();

    [Fact]
    public void Every_code_is_unique_in_the_RB09xx_range_and_documented()
    {
        var codes = Codes();
        codes.Count.ShouldBeGreaterThanOrEqualTo(12);
        codes.ShouldBeUnique();
        var doc = File.ReadAllText(Path.Combine(Repository.Root, "docs", "journal-format.md"));
        foreach (var code in codes)
        {
            code.ShouldMatch("^RB09[0-9]{2}$");
            doc.ShouldContain($"\n### {code} — ", customMessage: $"{code} has no section in docs/journal-format.md");
        }
    }
}
