namespace RunbookEngine.Execution.States;

/// <summary>
/// The engine tried a move its own transition table forbids. This is always a bug in the engine, never a user
/// error, so nothing should catch it except the top-level "internal error" handler.
/// </summary>
public sealed class InvalidTransitionException : InvalidOperationException
{
    public InvalidTransitionException(string machine, string state, string trigger, IReadOnlyList<string> permitted)
        : base($"{machine}: {trigger} is not allowed from {state} (allowed: {(permitted.Count == 0 ? "nothing, it is terminal" : string.Join(", ", permitted))})")
    {
        Machine = machine;
        State = state;
        Trigger = trigger;
    }

    public string Machine { get; }

    public string State { get; }

    public string Trigger { get; }
}
