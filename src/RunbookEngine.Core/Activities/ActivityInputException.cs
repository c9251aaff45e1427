namespace RunbookEngine.Activities;

/// <summary>
/// The evaluated <c>with:</c> values do not fit the activity's input record. Most such problems are load-time
/// diagnostics; this is what remains once expressions have produced real values (and the check that plugins'
/// own validation can reuse). Never retryable: the same inputs fail the same way.
/// </summary>
public sealed class ActivityInputException : Exception
{
    public ActivityInputException(string input, string expected, string message)
        : base(message)
    {
        Input = input;
        Expected = expected;
    }

    /// <summary>The input's path as a runbook author writes it: <c>command</c>, <c>command[2]</c>, <c>environment.TOKEN</c>.</summary>
    public string Input { get; }

    /// <summary>What would have been accepted, e.g. "a list of strings".</summary>
    public string Expected { get; }
}
