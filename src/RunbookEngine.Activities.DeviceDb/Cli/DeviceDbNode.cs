using System.ComponentModel;

namespace RunbookEngine.Activities.DeviceDb.Cli;

/// <summary>One devicedb node as runbooks describe it (the same fields as the runbooks' <c>node</c> type).</summary>
internal sealed record DeviceDbNode
{
    [Description("Short name of the node, used in file names (e.g. ddb1).")]
    public string? Name { get; init; }

    [Description("Host the node's API listens on (-host, default localhost).")]
    public string Host { get; init; } = "localhost";

    [Description("Port of the node's API (-port).")]
    public required int Port { get; init; }

    [Description("The node's store directory (-store).")]
    public string? Store { get; init; }

    [Description("The node's snapshot directory (-snapshot_store).")]
    public string? SnapshotStore { get; init; }

    [Description("Pid file of the node's process (written by process.start, or a bare pid).")]
    public string? PidFile { get; init; }

    public string Address => $"{Host}:{Port}";

    public string Display => Name is { Length: > 0 } name ? $"{name} ({Address})" : Address;
}
