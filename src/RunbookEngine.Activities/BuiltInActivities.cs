using RunbookEngine.Activities.Files;
using RunbookEngine.Activities.Flow;
using RunbookEngine.Activities.Network;
using RunbookEngine.Activities.Process;
using RunbookEngine.Hosting;

namespace RunbookEngine.Activities;

public static class BuiltInActivities
{
    /// <summary>Registers every activity of this assembly.</summary>
    public static RunbookEngineBuilder AddBuiltInActivities(this RunbookEngineBuilder builder) =>
        builder
            .AddActivity<FlowLog>()
            .AddActivity<FlowAssert>()
            .AddActivity<FlowFail>()
            .AddActivity<FlowApprove>()
            .AddActivity<Exec>()
            .AddActivity<NetAssertPortClosed>()
            .AddActivity<NetWaitPort>()
            .AddActivity<FsStat>()
            .AddActivity<FsBackup>();
}
