using System.Text;

namespace RunbookEngine.Cli.Tests.Support;

/// <summary>
/// Compares text with Snapshots/&lt;name&gt;.txt in the source tree (not bin/). On a mismatch it writes
/// &lt;name&gt;.received.txt next to the snapshot (git-ignored) and fails with a diff of the first differing lines.
/// </summary>
/// <remarks>
/// To accept changes, run the tests with UPDATE_SNAPSHOTS=1: changed snapshots are rewritten and pass, but a
/// snapshot that did not exist yet is written and the test still fails, so a run (in CI or anywhere) never
/// silently accepts a snapshot nobody has reviewed. Review the new file, commit it, and run again.
/// </remarks>
internal static class Snapshot
{
    private const int ContextLines = 3;
    private const int MaxDiffLines = 40;

    public static void Match(string name, string actual) =>
        Match(name, actual, RepoPaths.Snapshots, Environment.GetEnvironmentVariable("UPDATE_SNAPSHOTS") == "1");

    internal static void Match(string name, string actual, string directory, bool update)
    {
        if (name.Length == 0 || name.IndexOfAny([.. Path.GetInvalidFileNameChars(), '/', '\\']) >= 0)
        {
            throw new ArgumentException($"'{name}' is not a usable snapshot name", nameof(name));
        }

        actual = actual.ReplaceLineEndings("\n");
        var path = Path.Combine(directory, name + ".txt");
        var received = Path.Combine(directory, name + ".received.txt");
        var existed = File.Exists(path);
        var expected = existed ? File.ReadAllText(path).ReplaceLineEndings("\n") : null;

        if (update)
        {
            if (expected != actual)
            {
                File.WriteAllText(path, actual);
            }

            File.Delete(received);
            if (!existed)
            {
                Assert.Fail($"new snapshot written to {path}; review it, commit it and run the tests again");
            }

            return;
        }

        if (expected == actual)
        {
            File.Delete(received);
            return;
        }

        File.WriteAllText(received, actual);
        Assert.Fail(expected is null
            ? $"no snapshot {path}; the output was written to {received}. Run with UPDATE_SNAPSHOTS=1 to create it."
            : $"snapshot {name}.txt does not match; the output was written to {received}. " +
              $"If the change is intended, run with UPDATE_SNAPSHOTS=1.\n{Diff(expected, actual)}");
    }

    /// <summary>A unified-style diff of the first region where the two texts differ, with a little context.</summary>
    internal static string Diff(string expected, string actual)
    {
        var a = expected.Split('\n');
        var b = actual.Split('\n');
        var start = 0;
        while (start < a.Length && start < b.Length && a[start] == b[start])
        {
            start++;
        }

        var endA = a.Length;
        var endB = b.Length;
        while (endA > start && endB > start && a[endA - 1] == b[endB - 1])
        {
            endA--;
            endB--;
        }

        var from = Math.Max(0, start - ContextLines);
        var sb = new StringBuilder()
            .Append("--- snapshot\n+++ received\n")
            .Append($"@@ -{from + 1},{endA - from} +{from + 1},{endB - from} @@\n");
        for (var i = from; i < start; i++)
        {
            sb.Append(' ').Append(a[i]).Append('\n');
        }

        Lines(sb, '-', a, start, endA);
        Lines(sb, '+', b, start, endB);
        return sb.ToString();
    }

    private static void Lines(StringBuilder sb, char sign, string[] lines, int from, int to)
    {
        for (var i = from; i < to && i < from + MaxDiffLines; i++)
        {
            sb.Append(sign).Append(lines[i]).Append('\n');
        }

        if (to - from > MaxDiffLines)
        {
            sb.Append($"{sign}… {to - from - MaxDiffLines} more line(s)\n");
        }
    }
}
