using RunbookEngine.Activities.Context;

namespace RunbookEngine.Activities.OpenMldb.Tests;

/// <summary>An activity context for direct calls in unit tests.</summary>
internal static class TestContext
{
    public static ActivityContext Create() => new() { RunId = "test", StepPath = "step", WorkingDirectory = Path.GetTempPath() };
}
