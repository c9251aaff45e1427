using System.Text.RegularExpressions;

namespace RunbookEngine.Activities.Pegasus.Parsing;

/// <summary>One WARNING or ERROR line of the meta's recovery hint.</summary>
public sealed record RecoveryHint
{
    /// <summary>WARNING or ERROR.</summary>
    public required string Level { get; init; }

    public required string Message { get; init; }
}

/// <summary>What <c>recover -f</c> printed, parsed (replication_ddl_client::do_recovery, systems.md §2.3).</summary>
internal sealed record RecoverOutput(
    int WaitSeconds,
    bool SkipBadNodes,
    bool SkipLostPartitions,
    IReadOnlyList<string> Nodes,
    string? Result,
    bool TimedOut,
    IReadOnlyList<RecoveryHint> Hints)
{
    private const string Rule = "=============================";

    // The hints are one string; since 802d2c257 the bad-node ones lack their newline, so split on the markers.
    private static readonly Regex HintStart = new(@"(?=(?:WARNING|ERROR): )", RegexOptions.CultureInvariant);
    private static readonly Regex ResultLine = new(@"^Recover result: (?<err>\S+)\s*$", RegexOptions.CultureInvariant | RegexOptions.Multiline);

    /// <summary>Parses the shell's stdout; null when it holds no recover header at all (the shell did not get that far).</summary>
    public static RecoverOutput? Parse(string stdout)
    {
        var text = stdout.Replace("\r\n", "\n", StringComparison.Ordinal);
        var lines = text.Split('\n');
        var start = Array.FindIndex(lines, l => l.StartsWith("Wait seconds: ", StringComparison.Ordinal));
        if (start < 0 || start + 4 >= lines.Length
            || !lines[start + 1].StartsWith("Skip bad nodes: ", StringComparison.Ordinal)
            || !lines[start + 2].StartsWith("Skip lost partitions: ", StringComparison.Ordinal)
            || lines[start + 3] != "Node list:" || lines[start + 4] != Rule
            || !int.TryParse(lines[start].AsSpan("Wait seconds: ".Length), System.Globalization.CultureInfo.InvariantCulture, out var wait))
        {
            return null;
        }

        var nodes = new List<string>();
        var i = start + 5;
        for (; i < lines.Length && lines[i] != Rule; i++)
        {
            nodes.Add(lines[i].Trim());
        }

        var rest = string.Join('\n', lines.Skip(i + 1));
        var match = ResultLine.Match(rest);
        if (!match.Success)
        {
            var timedOut = rest.Contains("Wait recovery failed, administrator should check the meta for progress", StringComparison.Ordinal);
            return new RecoverOutput(wait, Flag(lines[start + 1]), Flag(lines[start + 2]), nodes, null, timedOut, []);
        }

        var hints = ParseHints(rest[(match.Index + match.Length)..]);
        return new RecoverOutput(wait, Flag(lines[start + 1]), Flag(lines[start + 2]), nodes, match.Groups["err"].Value, false, hints);
    }

    internal static IReadOnlyList<RecoveryHint> ParseHints(string block)
    {
        var body = block.Trim('\n', ' ');
        if (body.StartsWith(Rule, StringComparison.Ordinal))
        {
            body = body[Rule.Length..];
        }

        var end = body.LastIndexOf(Rule, StringComparison.Ordinal);
        if (end >= 0)
        {
            body = body[..end];
        }

        var hints = new List<RecoveryHint>();
        foreach (var part in HintStart.Split(body).Select(p => p.Trim()).Where(p => p.Length > 0))
        {
            var colon = part.IndexOf(": ", StringComparison.Ordinal);
            var level = colon > 0 ? part[..colon] : string.Empty;
            if (level is not ("WARNING" or "ERROR"))
            {
                throw new FormatException($"unrecognised text in the recovery hint: '{Shorten(part)}'");
            }

            hints.Add(new RecoveryHint { Level = level, Message = part });
        }

        return hints;
    }

    private static bool Flag(string line) => line.EndsWith(": true", StringComparison.Ordinal);

    private static string Shorten(string text) => text.Length > 200 ? text[..200] + "…" : text;
}
