using RunbookEngine.Activities.Files;
using RunbookEngine.Activities.Flow;
using RunbookEngine.Activities.Network;
using RunbookEngine.Activities.Process;
using RunbookEngine.Hosting;

namespace RunbookEngine.Activities;

public static class BuiltInActivities
{
    /// <summary>Every activity of this assembly. The one list both registration paths use.</summary>
    public static IReadOnlyList<IActivity> Create() =>
    [
        new FlowLog(),
        new FlowAssert(),
        new FlowFail(),
        new FlowApprove(),
        new Exec(),
        new NetAssertPortClosed(),
        new NetWaitPort(),
        new FsStat(),
        new FsBackup(),
        .. FileFamily.Activities,
        .. Config.ConfigFamily.Activities,
        .. Archives.ArchiveFamily.Activities,
        .. ProcessFamily.Activities,
    ];

    /// <summary>Registers every activity of this assembly with the engine's container.</summary>
    public static RunbookEngineBuilder AddBuiltInActivities(this RunbookEngineBuilder builder) =>
        builder.AddActivities(Create());
}
