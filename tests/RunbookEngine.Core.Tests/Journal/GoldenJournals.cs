using RunbookEngine.Core.Tests.Support;
using RunbookEngine.Journal;
using static RunbookEngine.Core.Tests.Journal.SampleRecords;

namespace RunbookEngine.Core.Tests.Journal;

/// <summary>
/// The record sequences behind Golden/*.jsonl. The files were written once from these by <see cref="Write"/> and
/// committed; never regenerate one to make a test pass. A format change gets a new golden file, and the old
/// ones must keep reading to the same state, because they stand for runs operators still have on disk.
/// </summary>
internal static class GoldenJournals
{
    public static readonly string Folder = Path.Combine(RepositoryRoot.Path, "tests", "RunbookEngine.Core.Tests", "Journal", "Golden");

    private const string Plan = "plan-3c1f9a0e";

    public static IReadOnlyDictionary<string, JournalRecord[]> All { get; } = new Dictionary<string, JournalRecord[]>
    {
        // A restore that went all the way: foreach items, a retry, an approval, a skipped item, a nested step.
        ["succeeded.jsonl"] =
        [
            new RunCreated("cowsql/restore-new-config", "1.0.0", Hash),
            new RunStarted(),
            new StepStarted("preflight", 0, 1),
            new StepSucceeded("preflight", 0, Json("""{"open":false}""")),
            new StepStarted("preflight", 1, 1),
            new StepSucceeded("preflight", 1, Json("""{"open":false}""")),
            new StepStarted("latest", null, 1),
            new FactRecorded("latest", null, Json("""{"address":"10.0.0.2:9001","lastIndex":1042,"term":7}""")),
            new StepSucceeded("latest", null, Json("""{"address":"10.0.0.2:9001"}""")),
            new StepStarted("backup", null, 1),
            new StepFailed("backup", null, "DiskFull", "tar: /backup: no space left on device\n(exit 2)", true),
            new RetryScheduled("backup", null, 2, TimeSpan.FromSeconds(30)),
            new StepStarted("backup", null, 2),
            new StepSucceeded("backup", null, Json("""{"archive":"/backup/cowsql-20261121.tar.gz","bytes":73400320}""")),
            new StepStarted("confirm", null, 1),
            new ApprovalRequested("confirm", null, "Keep 10.0.0.2:9001 — the others' logs can't be recovered", Plan),
            new ApprovalGranted("confirm", null, "alice", Plan),
            new StepSucceeded("confirm", null, Json("{}")),
            new StepStarted("wipe", 0, 1),
            new StepSucceeded("wipe", 0, Json("""{"removed":["/var/lib/cowsql/node1/raft"]}""")),
            new StepSkipped("wipe", 1, "when: item.address != steps.latest.outputs.address was false"),
            new StepStarted("restore/copy-data", null, 1),
            new StepSucceeded("restore/copy-data", null, Json("""{"files":12}""")),
            new RunSucceeded(),
        ],

        // The engine was killed twice; the operator answered for the first in-doubt item, the last one is open.
        ["interrupted.jsonl"] =
        [
            new RunCreated("cowsql/restore-new-config", "1.0.0", Hash),
            new RunStarted(),
            new StepStarted("preflight", null, 1),
            new StepSucceeded("preflight", null, Json("{}")),
            new StepStarted("wipe", 0, 1),
            new StepSucceeded("wipe", 0, Json("{}")),
            new StepStarted("wipe", 1, 1),
            new RunResumed(),
            new InDoubtResolved("wipe", 1, InDoubtDecision.MarkDone, "bob"),
            new StepStarted("wipe", 2, 1),
            new RunResumed(),
            new InDoubtResolved("wipe", 2, InDoubtDecision.Rerun, "bob"),
            new StepStarted("wipe", 2, 2),
            new StepSucceeded("wipe", 2, Json("""{"removed":[]}""")),
            new StepStarted("restore/copy-data", null, 1),
        ],

        // A step failed the run; a resume reached an approval nobody gave, and the run was cancelled.
        ["failed-then-cancelled.jsonl"] =
        [
            new RunCreated("cowsql/restore-new-config", "1.0.0", Hash),
            new RunStarted(),
            new StepStarted("backup", null, 1),
            new StepFailed("backup", null, "PermissionDenied", "open /backup: permission denied", false),
            new RunFailed("backup", "step backup failed: open /backup: permission denied"),
            new RunResumed(),
            new StepStarted("backup", null, 2),
            new StepSucceeded("backup", null, Json("""{"archive":"/backup/b.tar.gz"}""")),
            new StepStarted("confirm", null, 1),
            new ApprovalRequested("confirm", null, "Wipe the followers?", Plan),
            new RunPaused("waiting for approval of confirm"),
            new RunResumed(),
            new RunCancelled("carol"),
        ],
    };

    /// <summary>Bytes of the record that the engine was appending when it died, in torn-tail.jsonl.</summary>
    public const int TornBytes = 41;

    /// <summary>Writes the named golden journal to <paramref name="path"/> with a fixed clock.</summary>
    public static void Write(string name, string path)
    {
        if (name == "torn-tail.jsonl")
        {
            WriteTorn(path);
            return;
        }

        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 21, 3, 28, 12, TimeSpan.Zero));
        using var writer = JournalWriter.Open(path, time, new CountingFileSync());
        foreach (var record in All[name])
        {
            writer.Append(record);
            time.Advance(TimeSpan.FromMilliseconds(1250.5));
        }
    }

    public static IEnumerable<string> Names => All.Keys.Append("torn-tail.jsonl");

    // The interrupted run, cut off partway through its last record as a SIGKILL during an append leaves it.
    private static void WriteTorn(string path)
    {
        var records = All["interrupted.jsonl"];
        var temporary = path + ".full";
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 21, 3, 28, 12, TimeSpan.Zero));
        using (var writer = JournalWriter.Open(temporary, time, new CountingFileSync()))
        {
            foreach (var record in records[..8])
            {
                writer.Append(record);
                time.Advance(TimeSpan.FromMilliseconds(1250.5));
            }
        }

        var bytes = File.ReadAllBytes(temporary);
        File.Delete(temporary);
        var last = JournalLine.Encode(new JournalEntry(9, time.GetUtcNow(), records[8]));
        File.WriteAllBytes(path, [.. bytes, .. last[..TornBytes]]);
    }
}
