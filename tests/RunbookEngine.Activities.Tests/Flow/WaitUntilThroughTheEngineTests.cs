using System.Collections.Concurrent;
using System.ComponentModel;
using RunbookEngine.Activities.Context;
using RunbookEngine.Execution.Engine;
using RunbookEngine.Execution.Planning;
using RunbookEngine.Execution.States;
using RunbookEngine.Loading;
using RunbookEngine.Syntax;

namespace RunbookEngine.Activities.Tests.Flow;

/// <summary>
/// flow.wait-until as a runbook author uses it: the loader accepts the <c>until</c> forms, and the engine and the
/// planner hand the activity their catalog, so it can poll a plugin activity that is not a built-in.
/// </summary>
public sealed class WaitUntilThroughTheEngineTests
{
    private const string Runbook = """
        apiVersion: runbook/v1
        kind: Runbook
        metadata:
          name: test/wait
          version: 1.0.0
          title: Wait for a job
        parameters:
          job: { type: string, default: restore-7 }
        steps:
          - id: bare
            uses: flow.wait-until
            with:
              activity: plugin.job-status
              with: { job: "${{ params.job }}" }
              until: result.status == 'completed'
              interval: 20ms
              timeout: 30s
          - id: escaped
            uses: flow.wait-until
            with:
              activity: plugin.job-status
              with: { job: again }
              until: "$${{ result.status == 'completed' && result.job == 'again' }}"
              interval: 20ms
        """;

    private readonly JobStatus _plugin = new();

    private ActivityCatalog Catalog => new([.. BuiltInActivities.Create(), _plugin]);

    [Fact]
    public async Task The_engine_passes_its_catalog_so_a_plugin_activity_can_be_polled()
    {
        var runbook = new RunbookLoader(Catalog).Load(new SourceText("wait.yaml", Runbook));
        runbook.Diagnostics.Where(d => d.IsError).ShouldBeEmpty(string.Join("\n", runbook.Diagnostics));
        var recorder = new OutputsRecorder();

        var outcome = await new RunEngine(Catalog, null, recorder, new NoGate(), new NoLog(), TimeProvider.System).RunAsync(
            runbook.Runbook!, new Dictionary<string, object?> { ["job"] = "restore-7" },
            new RunOptions { RunId = "r1", WorkingDirectory = Path.GetTempPath(), StartedAt = DateTimeOffset.UnixEpoch }, null, CancellationToken.None);

        outcome.State.ShouldBe(RunState.Succeeded, outcome.Message);
        var bare = recorder.Outputs["bare"].ShouldBeAssignableTo<IReadOnlyDictionary<string, object?>>()!;
        bare["attempts"].ShouldBe(3L);
        bare["result"].ShouldBeAssignableTo<IReadOnlyDictionary<string, object?>>()!["job"].ShouldBe("restore-7");
        recorder.Outputs["escaped"].ShouldBeAssignableTo<IReadOnlyDictionary<string, object?>>()!["attempts"].ShouldBe(3L);
    }

    [Fact]
    public async Task The_planner_passes_its_catalog_and_a_read_only_plugin_shows_whether_the_wait_would_end_at_once()
    {
        var runbook = new RunbookLoader(Catalog).Load(new SourceText("wait.yaml", Runbook)).Runbook!;

        var plan = await new Planner(Catalog, null, TimeProvider.System, Path.GetTempPath()).PlanAsync(
            runbook, new Dictionary<string, object?> { ["job"] = "restore-7" }, CancellationToken.None);

        plan.Steps[0].Plan!.Summary.ShouldBe("poll plugin.job-status every 20ms for up to 30s until result.status == 'completed' (it does not hold yet)");
    }

    /// <summary>A plugin's read-only status query: "running" twice per job, then "completed".</summary>
    private sealed class JobStatus : Activity<JobStatus.Input, JobStatus.Output>
    {
        private readonly ConcurrentDictionary<string, int> _polls = new();

        public override string Name => "plugin.job-status";

        public override string Description => "Status of a restore job.";

        public override ActivityTraits Traits => ActivityTraits.ReadOnly | ActivityTraits.Idempotent;

        public override Task<Output> ExecuteAsync(Input input, ActivityContext context, CancellationToken cancellationToken)
        {
            var polls = _polls.AddOrUpdate(input.Job, 1, (_, n) => n + 1);
            return Task.FromResult(new Output { Job = input.Job, Status = polls < 3 ? "running" : "completed" });
        }

        internal sealed record Input
        {
            [Description("Job id.")]
            public required string Job { get; init; }
        }

        internal sealed record Output
        {
            [Description("Job id.")]
            public string Job { get; init; } = string.Empty;

            [Description("running or completed.")]
            public string Status { get; init; } = string.Empty;
        }
    }

    private sealed class OutputsRecorder : IRunRecorder
    {
        public ConcurrentDictionary<string, object?> Outputs { get; } = new();

        public Task StepSucceededAsync(string stepPath, int? item, object? outputs, CancellationToken cancellationToken)
        {
            Outputs[stepPath] = outputs;
            return Task.CompletedTask;
        }

        public Task RunStartedAsync(bool resumed, CancellationToken cancellationToken) => Task.CompletedTask;

        public Task RunPausedAsync(string reason, CancellationToken cancellationToken) => Task.CompletedTask;

        public Task RunSucceededAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task RunFailedAsync(string stepPath, string message, CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StepStartedAsync(string stepPath, int? item, int attempt, CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StepFailedAsync(string stepPath, int? item, string errorType, string message, bool retryable, CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StepSkippedAsync(string stepPath, int? item, string reason, CancellationToken cancellationToken) => Task.CompletedTask;

        public Task RetryScheduledAsync(string stepPath, int? item, int nextAttempt, TimeSpan delay, CancellationToken cancellationToken) => Task.CompletedTask;

        public Task ApprovalRequestedAsync(string stepPath, string message, string planHash, CancellationToken cancellationToken) => Task.CompletedTask;

        public Task ApprovalGrantedAsync(string stepPath, string by, string planHash, CancellationToken cancellationToken) => Task.CompletedTask;

        public Task InDoubtResolvedAsync(string stepPath, int? item, InDoubtPolicy decision, string by, CancellationToken cancellationToken) => Task.CompletedTask;
    }

    private sealed class NoGate : IApprovalGate
    {
        public Task<ApprovalDecision> RequestAsync(ApprovalRequest request, CancellationToken cancellationToken) => Task.FromResult(ApprovalDecision.Paused);
    }

    private sealed class NoLog : IActivityLog
    {
        public void Info(string messageTemplate, params object?[] properties)
        {
        }

        public void Warning(string messageTemplate, params object?[] properties)
        {
        }
    }
}
