namespace RunbookEngine.Activities.Dragonboat.Tests.Support;

/// <summary>A run as `runbook status --json` reports it.</summary>
internal sealed record RunStatus(string Id, string State, IReadOnlyList<StepStatus> Steps)
{
    public StepStatus Step(string id) => Steps.Last(s => s.Step == id);
}

/// <summary>One step line of `runbook status --json`; a foreach item is named <c>step[index]</c>.</summary>
internal sealed record StepStatus(string Step, string State, string? Error);
