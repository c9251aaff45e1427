using RunbookEngine.Activities.Flow;
using RunbookEngine.Activities.Http;

namespace RunbookEngine.Activities.Process;

/// <summary>
/// The activities of this family beyond the first set, registered by <see cref="BuiltInActivities"/>. HTTP and
/// flow.wait-until are listed here too, so the process/network/flow additions have one list.
/// </summary>
internal static class ProcessFamily
{
    public static IReadOnlyList<IActivity> Activities { get; } =
    [
        new Shell(),
        new ProcessStart(),
        new ProcessStop(),
        new ProcessAssertNotRunning(),
        new HttpRequest(),
        new FlowWaitUntil(),
    ];
}
