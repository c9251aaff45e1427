using RunbookEngine.Activities.Context;

namespace RunbookEngine.Activities;

/// <summary>
/// Exceptions an activity did not anticipate (an IOException deep in a copy, a bug) become an
/// <see cref="ActivityFailure"/> of type <c>unexpected</c>, so the engine deals with one failure shape. Their messages
/// were not written with secrets in mind, so they are redacted here; the original stays as the inner exception.
/// </summary>
internal static class Unexpected
{
    public const string ErrorType = "unexpected";

    public static async Task<T> Wrap<T>(Func<Task<T>> call, ActivityContext context, CancellationToken cancellationToken)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not (ActivityFailure or ActivityInputException or ActivityPausedException)
            && !(ex is OperationCanceledException && cancellationToken.IsCancellationRequested))
        {
            throw new ActivityFailure(ErrorType, context.Redactor.Redact($"{ex.GetType().Name}: {ex.Message}"), retryable: false, ex);
        }
    }
}
