namespace RunbookEngine.Activities;

/// <summary>
/// The activity cannot finish without an operator who is not there (its approval gate answered Paused). Not a
/// failure: the engine moves the step to WaitingForApproval, pauses the run (exit 3) and calls the activity
/// again on resume.
/// </summary>
public sealed class ActivityPausedException(string message) : Exception(message);
