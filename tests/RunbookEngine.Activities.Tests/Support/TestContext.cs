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
        };
    }

    public RecordingLog Log { get; } = new();

    public RecordingGate Gate { get; }

    public RecordingProgress Progress { get; }

    public ActivityContext Context { get; }
}
