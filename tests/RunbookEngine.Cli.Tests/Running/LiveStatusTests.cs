using RunbookEngine.Cli.Running;

namespace RunbookEngine.Cli.Tests.Running;

/// <summary>The live status line a terminal shows under the run's log.</summary>
public sealed class LiveStatusTests
{
    private const string Clear = "\r\u001b[2K";

    [Fact]
    public async Task Log_lines_go_above_the_status_which_follows_the_engine_s_step_records()
    {
        var output = new StringWriter();
        var status = new LiveStatus(output, animate: false);
        var journal = new ListRecorder();
        var recorder = new ProgressRecorder(journal, status);
        using (var log = new RunLog(null, output, status))
        {
            await recorder.StepStartedAsync("backup", null, 1, CancellationToken.None);
            status.Text().ShouldContain("backup · 0 steps done");
            log.Info("Copied {Files} files", 3);
            await recorder.StepSucceededAsync("backup", null, null, CancellationToken.None);
            status.Text().ShouldContain("between steps · 1 step done");
            await recorder.StepStartedAsync("copy", 2, 2, CancellationToken.None);
            status.Text().ShouldContain("copy[2] · 1 step done");
        }

        status.Dispose();
        var text = output.ToString();

        // Every record reached the journal first; each log line is written after erasing the status line, which is drawn again after it.
        journal.Calls.ShouldBe(["started backup", "succeeded backup", "started copy[2]"]);
        text.ShouldMatch(@"00:00\u001b\[0m\r\u001b\[2K\d\d:\d\d:\d\d INFO Copied 3 files\n\u001b\[2m");
        text.Split('\n').Count(l => l.Contains("INFO Copied 3 files", StringComparison.Ordinal)).ShouldBe(1);
        text.ShouldEndWith(Clear, customMessage: "disposing removes the status line, so what follows starts on a clean line");
    }

    /// <summary>Only the step records matter here; the rest are not called.</summary>
    private sealed class ListRecorder : RunbookEngine.Execution.Engine.IRunRecorder
    {
        public List<string> Calls { get; } = [];

        public Task StepStartedAsync(string stepPath, int? item, int attempt, CancellationToken cancellationToken) => Add($"started {stepPath}{(item is { } i ? $"[{i}]" : string.Empty)}");

        public Task StepSucceededAsync(string stepPath, int? item, object? outputs, CancellationToken cancellationToken) => Add($"succeeded {stepPath}");

        public Task RunStartedAsync(bool resumed, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task RunPausedAsync(string reason, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task RunSucceededAsync(CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task RunFailedAsync(string stepPath, string message, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task StepFailedAsync(string stepPath, int? item, string errorType, string message, bool retryable, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task StepSkippedAsync(string stepPath, int? item, string reason, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task RetryScheduledAsync(string stepPath, int? item, int nextAttempt, TimeSpan delay, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task ApprovalRequestedAsync(string stepPath, string message, string planHash, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task ApprovalGrantedAsync(string stepPath, string by, string planHash, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task InDoubtResolvedAsync(string stepPath, int? item, RunbookEngine.Execution.Engine.InDoubtPolicy decision, string by, CancellationToken cancellationToken) => throw new NotSupportedException();

        private Task Add(string call)
        {
            Calls.Add(call);
            return Task.CompletedTask;
        }
    }

    [Fact]
    public void A_prompt_suspends_the_status_line_until_it_is_answered()
    {
        var output = new StringWriter();
        using var status = new LiveStatus(output, animate: false);
        status.StepStarted("configure");

        using (status.Suspend())
        {
            var before = output.ToString().Length;
            output.Write("Approve? [y/N] ");
            status.StepFinished("configure");
            output.ToString()[before..].ShouldBe("Approve? [y/N] ");
        }

        output.ToString().ShouldEndWith("1 step done · 00:00\u001b[0m");
    }
}
