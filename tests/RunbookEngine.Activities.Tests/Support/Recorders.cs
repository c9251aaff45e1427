using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using RunbookEngine.Activities.Context;

namespace RunbookEngine.Activities.Tests.Support;

internal sealed record LogEntry(string Level, string Template, IReadOnlyList<object?> Properties)
{
    /// <summary>The template with its placeholders filled in order, as a sink would render it.</summary>
    public string Rendered
    {
        get
        {
            var i = 0;
            return Regex.Replace(Template, "\\{[^}]+\\}", _ => i < Properties.Count ? Properties[i++]?.ToString() ?? "null" : "?");
        }
    }
}

/// <summary>Keeps everything an activity logged, so tests can read it and look for leaked secrets.</summary>
internal sealed class RecordingLog : IActivityLog
{
    private readonly ConcurrentQueue<LogEntry> _entries = new();

    public IReadOnlyList<LogEntry> Entries => _entries.ToList();

    public string AllText => string.Join("\n", Entries.Select(e => $"{e.Level} {e.Template} {e.Rendered}"));

    public void Info(string messageTemplate, params object?[] properties) => _entries.Enqueue(new LogEntry("info", messageTemplate, properties));

    public void Warning(string messageTemplate, params object?[] properties) => _entries.Enqueue(new LogEntry("warning", messageTemplate, properties));
}

/// <summary>An operator who always gives the same answer, and remembers every question.</summary>
internal sealed class RecordingGate(ApprovalDecision answer) : IApprovalGate
{
    private readonly ConcurrentQueue<ApprovalRequest> _requests = new();

    public RecordingGate()
        : this(new ApprovalDecision(ApprovalOutcome.Approved, "alice"))
    {
    }

    public IReadOnlyList<ApprovalRequest> Requests => _requests.ToList();

    public Task<ApprovalDecision> RequestAsync(ApprovalRequest request, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        _requests.Enqueue(request);
        return Task.FromResult(answer);
    }
}

/// <summary>Synchronous progress sink (Progress&lt;T&gt; posts to a context, which makes tests racy).</summary>
internal sealed class RecordingProgress(Action<ActivityProgress>? onReport = null) : IProgress<ActivityProgress>
{
    private readonly ConcurrentQueue<ActivityProgress> _reports = new();

    public IReadOnlyList<ActivityProgress> Reports => _reports.ToList();

    public void Report(ActivityProgress value)
    {
        _reports.Enqueue(value);
        onReport?.Invoke(value);
    }
}
