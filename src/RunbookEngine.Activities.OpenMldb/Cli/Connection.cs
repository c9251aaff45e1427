using System.ComponentModel;

namespace RunbookEngine.Activities.OpenMldb.Cli;

/// <summary>Inputs every nameserver-client activity takes: the binary and the ZooKeeper address of the cluster.</summary>
internal abstract record NsInput
{
    [Description("The openmldb binary (e.g. ./bin/openmldb); run with an argument vector, never a shell.")]
    public required string Bin { get; init; }

    [Description("ZooKeeper cluster of the OpenMLDB cluster, host:port[,host:port…] (--zk_cluster).")]
    public required string ZkCluster { get; init; }

    [Description("ZooKeeper root path of the cluster, e.g. /openmldb_cluster (--zk_root_path).")]
    public required string ZkRootPath { get; init; }

    [Description("Time limit for one CLI invocation (default 1m).")]
    public TimeSpan? CommandTimeout { get; init; }
}

/// <summary>Inputs every tablet-client activity takes: the binary and the tablet's endpoint.</summary>
internal abstract record TabletInput
{
    [Description("The openmldb binary (e.g. ./bin/openmldb); run with an argument vector, never a shell.")]
    public required string Bin { get; init; }

    [Description("The tablet's endpoint, host:port (--endpoint).")]
    public required string Endpoint { get; init; }

    [Description("Time limit for one CLI invocation (default 1m).")]
    public TimeSpan? CommandTimeout { get; init; }
}
