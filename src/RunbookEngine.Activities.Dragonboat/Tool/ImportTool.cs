using System.Globalization;
using RunbookEngine.Activities.Context;
using RunbookEngine.Activities.Process;

namespace RunbookEngine.Activities.Dragonboat.Tool;

/// <summary>
/// Runs the operator's import tool (the small Go program around tools.ImportSnapshot, systems.md 4.3) with an
/// argument vector and maps its errors, whose texts are dragonboat's own error values, to stable error types.
/// </summary>
internal static class ImportTool
{
    public const string Family = "dragonboat";
    public const string UnexpectedOutput = "dragonboat.unexpected-output";
    public const string Usage = "dragonboat.usage";
    public const string InvalidMembers = "dragonboat.invalid-members";
    public const string PathNotExist = "dragonboat.path-not-exist";
    public const string IncompleteSnapshot = "dragonboat.incomplete-snapshot";
    public const string MembershipConflict = "dragonboat.membership-conflict";
    public const string NodeHostRunning = "dragonboat.nodehost-running";
    public const string NotOwner = "dragonboat.not-owner";
    public const string ToolFailed = "dragonboat.tool-failed";

    private static readonly TimeSpan QueryTimeout = TimeSpan.FromMinutes(1);

    public static Task<string> InspectSnapshotAsync(string tool, string snapshotDir, ActivityContext context, CancellationToken ct) =>
        RunAsync([tool, "inspect-snapshot", "-snapshot-dir", context.ResolvePath(snapshotDir)], QueryTimeout, context, ct);

    public static Task<string> InfoAsync(string tool, string nodeHostDir, ActivityContext context, CancellationToken ct) =>
        RunAsync([tool, "info", "-node-host-dir", context.ResolvePath(nodeHostDir)], QueryTimeout, context, ct);

    public static List<string> ImportCommand(ImportArguments a, ActivityContext context, bool dryRun)
    {
        var command = new List<string>
        {
            a.Tool, "import",
            "-node-host-dir", context.ResolvePath(a.NodeHostDir),
            "-raft-address", a.RaftAddress,
            "-snapshot-dir", context.ResolvePath(a.SnapshotDir),
            "-replica-id", a.ReplicaId.ToString(CultureInfo.InvariantCulture),
            "-members", Member.ToJson(a.Members),
        };
        if (a.DeploymentId is { } did)
        {
            command.AddRange(["-deployment-id", did.ToString(CultureInfo.InvariantCulture)]);
        }

        if (dryRun)
        {
            command.Add("-dry-run");
        }

        return command;
    }

    public static Task<string> ImportAsync(ImportArguments a, bool dryRun, TimeSpan timeout, ActivityContext context, CancellationToken ct) =>
        RunAsync(ImportCommand(a, context, dryRun), timeout, context, ct);

    private static async Task<string> RunAsync(List<string> command, TimeSpan timeout, ActivityContext context, CancellationToken ct)
    {
        var result = await ToolRunner.RunAsync(Family, command, context, ct, timeout).ConfigureAwait(false);
        if (result.ExitCode == 0)
        {
            return result.Stdout;
        }

        throw Failure(result.ExitCode, result.Stderr, context);
    }

    /// <summary>Maps the tool's stderr (<c>import failed: &lt;dragonboat error text&gt;</c>) to an error type.</summary>
    internal static ActivityFailure Failure(int exitCode, string stderr, ActivityContext context)
    {
        var message = context.Redactor.Redact(stderr.Trim());
        if (exitCode == 2)
        {
            return new ActivityFailure(Usage, $"the import tool rejected its arguments: {message}", retryable: false);
        }

        var error = message.Contains(": ", StringComparison.Ordinal) ? message[(message.IndexOf(": ", StringComparison.Ordinal) + 2)..] : message;
        return error switch
        {
            // tools/import.go ErrInvalidMembers: replicaID not in memberNodes, or memberNodes[replicaID] != RaftAddress.
            "invalid members" => new ActivityFailure(InvalidMembers, $"{message} (the replica id is not a member, or its member address is not this host's RaftAddress)", retryable: false),
            "path does not exist" => new ActivityFailure(PathNotExist, $"{message} (the snapshot directory is missing)", retryable: false),
            "snapshot is incomplete" => new ActivityFailure(IncompleteSnapshot, $"{message} (not exactly one .gbsnap file, or its checksum does not match snapshot.metadata)", retryable: false),
            "node address changed" or "adding a removed node" or "adding an nonVoting as regular node" or "adding a witness as regular node" =>
                new ActivityFailure(MembershipConflict, $"{message} (the new membership contradicts the one in the snapshot)", retryable: false),

            // Retryable: a NodeHost that is shutting down releases the lock on its own.
            "failed to lock data directory" => new ActivityFailure(NodeHostRunning, $"{message}: the NodeHost on this directory is still running; stop it first", retryable: true),
            "not the owner of the data directory" => new ActivityFailure(NotOwner, $"{message} (the directory belongs to another RaftAddress)", retryable: false),
            _ => new ActivityFailure(ToolFailed, $"the import tool exited {exitCode}: {(message.Length == 0 ? "(no message)" : message)}", retryable: false),
        };
    }

    public static T Parse<T>(Func<string, T> parser, string stdout, string what, ActivityContext context)
    {
        try
        {
            return parser(stdout);
        }
        catch (FormatException ex)
        {
            var shown = stdout.Length > 300 ? stdout[..300] + "…" : stdout;
            throw new ActivityFailure(UnexpectedOutput, context.Redactor.Redact($"cannot read the output of {what}: {ex.Message}; output was: {shown}"), retryable: false);
        }
    }
}

/// <summary>The arguments of one import (or its dry run).</summary>
internal sealed record ImportArguments(string Tool, string NodeHostDir, string RaftAddress, long ReplicaId, string SnapshotDir, IReadOnlyList<Member> Members, long? DeploymentId);
