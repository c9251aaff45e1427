using System.Text.RegularExpressions;

namespace RunbookEngine.Activities.Cowsql.Tests.TestSupport;

/// <summary>
/// Fixtures/crosscheck.txt, the real tools' output recorded by Fixtures/regenerate.sh: one block
/// per "### ..." heading. Tests replay it, so regenerated fixtures are checked against their own
/// recorded raft output without editing the tests.
/// </summary>
internal sealed partial record CrossCheckBlock(string Heading, IReadOnlyList<string> Lines)
{
    public static IReadOnlyList<CrossCheckBlock> Load()
    {
        var blocks = new List<CrossCheckBlock>();
        List<string>? lines = null;
        foreach (var line in File.ReadLines(Path.Combine(Fixtures.Root, "crosscheck.txt")))
        {
            if (line.StartsWith("### ", StringComparison.Ordinal))
            {
                lines = [];
                blocks.Add(new CrossCheckBlock(line[4..], lines));
            }
            else
            {
                lines?.Add(line);
            }
        }

        return blocks;
    }

    /// <summary>"&lt;fixture&gt;/node&lt;n&gt;" named in the heading after its verb.</summary>
    public string Node => NodePattern().Match(Heading).Value;

    public int Exit => int.Parse(ExitPattern().Match(Heading).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);

    public IEnumerable<Match> Find(Regex pattern) => Lines.Select(l => pattern.Match(l)).Where(m => m.Success);

    public override string ToString() => Heading;

    [GeneratedRegex(@"[a-z-]+/node\d")]
    private static partial Regex NodePattern();

    [GeneratedRegex(@"\(exit (\d+)")]
    private static partial Regex ExitPattern();
}
