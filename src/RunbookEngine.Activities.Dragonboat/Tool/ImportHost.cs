using System.ComponentModel;

namespace RunbookEngine.Activities.Dragonboat.Tool;

/// <summary>One host that takes part in an import: its replica, RaftAddress, NodeHost directory and how to restart it.</summary>
public sealed record ImportHost
{
    [Description("Replica id this host will run after the import.")]
    public required long ReplicaId { get; init; }

    [Description("NodeHostConfig.RaftAddress of the host.")]
    public required string RaftAddress { get; init; }

    [Description("NodeHostConfig.NodeHostDir of the host.")]
    public required string NodeHostDir { get; init; }

    [Description("Command that starts the host's NodeHost (argument vector).")]
    public IReadOnlyList<string>? StartCommand { get; init; }

    [Description("Pid file for the started NodeHost.")]
    public string? PidFile { get; init; }
}
