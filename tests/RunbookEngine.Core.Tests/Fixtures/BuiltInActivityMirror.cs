using System.ComponentModel;
using RunbookEngine.Activities;

namespace RunbookEngine.Core.Tests.Fixtures;

/// <summary>
/// The built-in activities' names, inputs and outputs, declared the same way src/RunbookEngine.Activities
/// declares them. This test project references Core only, so the fixtures are checked here against these
/// copies; tests/RunbookEngine.Cli.Tests/MalformedFixtureCliTests.cs checks the same fixtures through the CLI
/// with the real built-ins, so a copy that drifts from the real activity fails there.
/// </summary>
internal static class BuiltInActivityMirror
{
    public static IActivityCatalog Catalog { get; } = new ActivityCatalog(
    [
        new FlowLog(), new FlowAssert(), new FlowFail(), new FlowApprove(), new Exec(),
        new NetAssertPortClosed(), new NetWaitPort(), new FsStat(), new FsBackup(),
    ]);

    private sealed class FlowLog : Activity<FlowLog.Input, NoOutputs>
    {
        public override string Name => "flow.log";

        public override string Description => "Writes a message to the run's log and the operator's terminal.";

        internal sealed record Input
        {
            [Description("The message; expressions are evaluated first.")]
            public required string Message { get; init; }

            [Description("info (default) or warning.")]
            public LogLevel Level { get; init; } = LogLevel.Info;
        }

        internal enum LogLevel
        {
            Info,
            Warning,
        }
    }

    private sealed class FlowAssert : Activity<FlowAssert.Input, NoOutputs>
    {
        public override string Name => "flow.assert";

        public override string Description => "Fails the step with a message unless a condition holds.";

        internal sealed record Input
        {
            [Description("The condition.")]
            public required bool That { get; init; }

            [Description("Shown when the condition is false.")]
            public required string Message { get; init; }
        }
    }

    private sealed class FlowFail : Activity<FlowFail.Input, NoOutputs>
    {
        public override string Name => "flow.fail";

        public override string Description => "Fails the step with a message (use with when:).";

        internal sealed record Input
        {
            [Description("Why the run stops and what the operator should do.")]
            public required string Message { get; init; }
        }
    }

    private sealed class FlowApprove : Activity<FlowApprove.Input, FlowApprove.Output>
    {
        public override string Name => "flow.approve";

        public override string Description => "Pauses until an operator approves.";

        internal sealed record Input
        {
            [Description("What the operator approves.")]
            public required string Message { get; init; }
        }

        internal sealed record Output
        {
            [Description("Who approved.")]
            public string ApprovedBy { get; init; } = string.Empty;
        }
    }

    private sealed class Exec : Activity<Exec.Input, Exec.Output>
    {
        public override string Name => "exec";

        public override string Description => "Runs a program with an argument vector and captures its output.";

        internal sealed record Input
        {
            [Description("Program and arguments, one list item each.")]
            public required IReadOnlyList<string> Command { get; init; }

            [Description("Working directory of the process.")]
            public string? WorkingDirectory { get; init; }

            [Description("Extra environment variables.")]
            public IReadOnlyDictionary<string, string>? Environment { get; init; }

            [Description("Exit codes that count as success (default [0]).")]
            public IReadOnlyList<int>? ExpectedExitCodes { get; init; }

            [Description("Kill the process after this long.")]
            public TimeSpan? Timeout { get; init; }
        }

        internal sealed record Output
        {
            [Description("The process exit code.")]
            public int ExitCode { get; init; }

            [Description("Standard output (capped).")]
            public string Stdout { get; init; } = string.Empty;

            [Description("Standard error (capped).")]
            public string Stderr { get; init; } = string.Empty;
        }
    }

    private sealed class NetAssertPortClosed : Activity<NetAssertPortClosed.Input, NoOutputs>
    {
        public override string Name => "net.assert-port-closed";

        public override string Description => "Fails unless nothing accepts connections at host:port.";

        internal sealed record Input
        {
            [Description("host:port to probe.")]
            public required string Address { get; init; }

            [Description("How long one connection attempt may take (default 1s).")]
            public TimeSpan? ConnectTimeout { get; init; }
        }
    }

    private sealed class NetWaitPort : Activity<NetWaitPort.Input, NetWaitPort.Output>
    {
        public override string Name => "net.wait-port";

        public override string Description => "Waits until host:port accepts connections.";

        internal sealed record Input
        {
            [Description("host:port to wait for.")]
            public required string Address { get; init; }

            [Description("Give up after this long (default 30s).")]
            public TimeSpan? Timeout { get; init; }
        }

        internal sealed record Output
        {
            [Description("Seconds until the port answered.")]
            public double WaitedSeconds { get; init; }
        }
    }

    private sealed class FsStat : Activity<FsStat.Input, FsStat.Output>
    {
        public override string Name => "fs.stat";

        public override string Description => "Reports whether a path exists, its kind and size.";

        internal sealed record Input
        {
            [Description("File or folder to look at.")]
            public required string Path { get; init; }
        }

        internal sealed record Output
        {
            [Description("Whether the path exists.")]
            public bool Exists { get; init; }

            [Description("Whether it is a folder.")]
            public bool IsDirectory { get; init; }

            [Description("Size in bytes.")]
            public long Size { get; init; }
        }
    }

    private sealed class FsBackup : Activity<FsBackup.Input, FsBackup.Output>
    {
        public override string Name => "fs.backup";

        public override string Description => "Copies a tree to a timestamped backup folder with a SHA-256 manifest.";

        internal sealed record Input
        {
            [Description("Folder to back up.")]
            public required string Path { get; init; }

            [Description("Folder under which the timestamped backup is created.")]
            public string? Destination { get; init; }
        }

        internal sealed record Output
        {
            [Description("Folder holding the backup.")]
            public string BackupPath { get; init; } = string.Empty;

            [Description("Number of files copied.")]
            public long Files { get; init; }

            [Description("Bytes copied.")]
            public long Bytes { get; init; }
        }
    }
}
