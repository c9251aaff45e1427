namespace RunbookEngine.Execution.States;

/// <summary>
/// The one transition table of a run. Succeeded and Cancelled are final; Failed is not, because an operator may
/// fix the cause and resume, or abandon it (Cancel) so it no longer shows as resumable.
/// Resume from Running is the crash case: nobody recorded a pause, the engine just died.
/// </summary>
public static class RunLifecycle
{
    public static StateMachine<RunState, RunTrigger> Machine { get; } = new("run", RunState.Created,
    [
        new(RunState.Created, RunTrigger.Start, RunState.Running),
        new(RunState.Created, RunTrigger.Cancel, RunState.Cancelled),

        new(RunState.Running, RunTrigger.Pause, RunState.Paused),
        new(RunState.Running, RunTrigger.Succeed, RunState.Succeeded),
        new(RunState.Running, RunTrigger.Fail, RunState.Failed),
        new(RunState.Running, RunTrigger.Cancel, RunState.Cancelled),
        new(RunState.Running, RunTrigger.Resume, RunState.Running),

        new(RunState.Paused, RunTrigger.Resume, RunState.Running),
        new(RunState.Paused, RunTrigger.Approve, RunState.Running),
        new(RunState.Paused, RunTrigger.Cancel, RunState.Cancelled),

        new(RunState.Failed, RunTrigger.Resume, RunState.Running),
        new(RunState.Failed, RunTrigger.Cancel, RunState.Cancelled),
    ]);
}
