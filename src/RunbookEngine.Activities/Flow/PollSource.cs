using RunbookEngine.Activities.Context;
using RunbookEngine.Activities.Planning;

namespace RunbookEngine.Activities.Flow;

/// <summary>What flow.wait-until reads on every poll: another activity's outputs, or a file.</summary>
internal abstract class PollSource
{
    /// <summary>"exec", "file /data/ready": how plans and messages name the source (redacted).</summary>
    public abstract string Display { get; }

    /// <summary>
    /// One poll: the value the condition sees as <c>result</c>. A retryable <see cref="ActivityFailure"/> means "not
    /// yet" (a service still refusing connections); anything else ends the wait.
    /// </summary>
    public abstract Task<object?> ReadAsync(ActivityContext context, bool quiet, CancellationToken cancellationToken);

    /// <summary>The source's part of the plan, and its value now when it can be read without side effects.</summary>
    public abstract Task<(IReadOnlyList<PlannedEffect> Effects, IReadOnlyList<PlanRisk> Risks, object? Now, bool Known)> PlanAsync(ActivityContext context, CancellationToken cancellationToken);
}

/// <summary>Forwards warnings always and information only when not quiet: after the first poll it would say the same thing every few seconds.</summary>
internal sealed class QuietLog(IActivityLog inner, bool quiet) : IActivityLog
{
    public void Info(string messageTemplate, params object?[] properties)
    {
        if (!quiet)
        {
            inner.Info(messageTemplate, properties);
        }
    }

    public void Warning(string messageTemplate, params object?[] properties) => inner.Warning(messageTemplate, properties);
}
