using System.Text.Json;
using RunbookEngine.Journal;

namespace RunbookEngine.Core.Tests.Journal;

internal static class SampleRecords
{
    public const string Hash = "9f2c4e1b7a0d3c5e8f6a2b4d1c3e5f7a9b0c2d4e6f8a1b3c5d7e9f0a2b4c6d8e";

    /// <summary>One record of every kind, with values that exercise escaping (quotes, newlines, non-ASCII).</summary>
    public static IReadOnlyDictionary<string, JournalRecord> OfEachKind { get; } = new JournalRecord[]
    {
        new RunCreated("cowsql/restore-new-config", "1.0.0", Hash),
        new RunStarted(),
        new RunResumed(),
        new RunPaused("waiting for approval of confirm"),
        new RunSucceeded(),
        new RunFailed("restore/copy-data", "exit 23: \"rsync\" failed\nsee log"),
        new RunCancelled("alice"),
        new StepStarted("restore/copy-data", 2, 3),
        new StepSucceeded("latest", null, Json("""{"address":"10.0.0.2:9001","nodes":[1,2],"ok":true,"none":null}""")),
        new StepFailed("backup", 0, "DiskFull", "no space left on /backup — 0 bytes free", true),
        new StepSkipped("wipe", 1, "when: item.address != steps.latest.outputs.address was false"),
        new RetryScheduled("backup", 0, 2, TimeSpan.FromSeconds(30)),
        new ApprovalRequested("confirm", null, "Keep 10.0.0.2:9001; the others' logs can't be recovered", "plan-" + Hash[..8]),
        new ApprovalGranted("confirm", null, "alice@example.org", "plan-" + Hash[..8]),
        new InDoubtResolved("wipe", 2, InDoubtDecision.MarkDone, "bob"),
        new FactRecorded("latest", null, Json("""{"lastIndex":1042,"term":7,"node":"ñode-2"}""")),
    }.ToDictionary(r => r.Type);

    public static JsonElement Json(string text)
    {
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }

    /// <summary>
    /// A line built by the recipe in docs/journal-format.md, independently of the production encoder:
    /// CRC-32 of the object, then the crc member spliced in before the closing brace.
    /// </summary>
    public static string Line(string objectWithoutCrc)
    {
        var crc = Crc32.Compute(System.Text.Encoding.UTF8.GetBytes(objectWithoutCrc));
        return objectWithoutCrc[..^1] + $",\"crc\":\"{crc:x8}\"}}\n";
    }

    public static byte[] Bytes(params string[] lines) => System.Text.Encoding.UTF8.GetBytes(string.Concat(lines));

    /// <summary>A journal of <paramref name="count"/> valid records as the encoder writes them.</summary>
    public static byte[] Journal(int count, out List<byte[]> lines)
    {
        var time = new DateTimeOffset(2026, 11, 21, 3, 28, 12, TimeSpan.Zero);
        var records = new JournalRecord[]
        {
            new RunCreated("cowsql/restore-new-config", "1.0.0", Hash),
            new RunStarted(),
            new StepStarted("preflight", 0, 1),
            new StepSucceeded("preflight", 0, Json("""{"open":false}""")),
            new StepStarted("preflight", 1, 1),
            new StepSucceeded("preflight", 1, Json("""{"open":false}""")),
        };
        lines = Enumerable.Range(0, count)
            .Select(i => JournalLine.Encode(new JournalEntry(i + 1, time.AddSeconds(i), records[i % records.Length])))
            .ToList();
        return lines.SelectMany(l => l).ToArray();
    }
}
