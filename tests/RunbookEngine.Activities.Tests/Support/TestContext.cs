using RunbookEngine.Activities.Context;

namespace RunbookEngine.Activities.Tests.Support;

/// <summary>An activity context whose log, gate and progress are recorders; each test gets a fresh one.</summary>
internal sealed class TestContext
{
    public TestContext(string workingDirectory, IEnumerable<string>? secrets = null, RecordingGate? gate = null, TimeProvider? time = null, Action<ActivityProgress>? onProgress = null)
    {
        Gate = gate ?? new RecordingGate();
        Progress = new RecordingProgress(onProgress);
        Context = new ActivityContext
        {
            RunId = "run-test",
            StepPath = "test-step",
            WorkingDirectory = workingDirectory,
            TimeProvider = time ?? TimeProvider.System,
            Log = Log,
            Progress = Progress,
            Approvals = Gate,
            Redactor = new SecretRedactor(secrets ?? []),
            Programs = Programs,
        };
    }

    public RecordingPrograms Programs { get; } = new();

    public RecordingLog Log { get; } = new();

    public RecordingGate Gate { get; }

    public RecordingProgress Progress { get; }

    public ActivityContext Context { get; }
}

/// <summary>What an activity told about the programs it started and reaped, and whether each was running then.</summary>
internal sealed class RecordingPrograms : IProgramTracker
{
    private readonly Lock _gate = new();

    public List<string> Events { get; } = [];

    public void Started(int processId) => Add($"started {processId} running={Running(processId)}");

    public void Ended(int processId) => Add($"ended {processId} running={Running(processId)}");

    /// <summary>Exists and is not a zombie: a reaped program has no /proc entry any more.</summary>
    private static bool Running(int processId) =>
        File.Exists($"/proc/{processId}/stat") && File.ReadAllText($"/proc/{processId}/stat") is var stat && stat[(stat.LastIndexOf(')') + 2)..][0] != 'Z';

    private void Add(string line)
    {
        lock (_gate)
        {
            Events.Add(line);
        }
    }
}
