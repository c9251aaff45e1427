using System.ComponentModel;
using RunbookEngine.Activities.Context;
using RunbookEngine.Activities.DeviceDb.Cli;
using RunbookEngine.Activities.Planning;
using RunbookEngine.Format;

namespace RunbookEngine.Activities.DeviceDb.Activities;

/// <summary>
/// Polls `cluster get_snapshot` on every node (statuses are node-local: systems.md §3.3) until all say completed.
/// failed ends the wait at once; missing does after a grace period (a follower that has not applied the snapshot
/// entry yet also says missing); processing past the timeout names the stuck nodes. Idempotent: it only reads.
/// </summary>
internal sealed class DeviceDbWaitSnapshot : Activity<DeviceDbWaitSnapshot.Input, DeviceDbWaitSnapshot.Output>
{
    public const string Failed = "devicedb.snapshot-failed";
    public const string Missing = "devicedb.snapshot-missing";
    public const string TimedOut = "devicedb.snapshot-timeout";

    public override string Name => "devicedb.wait-snapshot";

    public override string Description => "Polls `cluster get_snapshot` on every node until each reports completed; fails on failed, on missing after a grace period, and at the timeout.";

    public override ActivityTraits Traits => ActivityTraits.Idempotent;

    public override async Task<Output> ExecuteAsync(Input input, ActivityContext context, CancellationToken cancellationToken)
    {
        Validate(input);
        var time = context.TimeProvider;
        var started = time.GetTimestamp();
        context.Log.Info("Waiting for snapshot {Uuid} on {Count} nodes (every {Interval}, up to {Timeout})", input.Uuid, input.Nodes.Count, Durations.Format(input.Interval), Durations.Format(input.Timeout));
        for (var poll = 1; ; poll++)
        {
            var rows = await PollAsync(input, context, cancellationToken).ConfigureAwait(false);
            var elapsed = time.GetElapsedTime(started);
            if (rows.Where(r => r.Status == "failed").Select(r => r.Node).ToList() is { Count: > 0 } failed)
            {
                throw new ActivityFailure(Failed, context.Redactor.Redact($"snapshot {input.Uuid} failed on {string.Join(", ", failed)}: that node's part is incomplete, so the cluster snapshot cannot be restored; take a new one. Statuses: {Table(rows)}"), retryable: false);
            }

            if (rows.Where(r => r.Status == "missing").Select(r => r.Node).ToList() is { Count: > 0 } missing && elapsed >= input.MissingGrace)
            {
                throw new ActivityFailure(Missing, context.Redactor.Redact($"snapshot {input.Uuid} is missing on {string.Join(", ", missing)} after {Durations.Format(elapsed)} (node down when it was taken, or no -snapshot_store); the cluster snapshot is incomplete. Statuses: {Table(rows)}"), retryable: false);
            }

            if (rows.All(r => r.Status == "completed"))
            {
                context.Log.Info("Snapshot {Uuid} completed on every node after {Polls} polls", input.Uuid, poll);
                return new Output { Statuses = rows, Polls = poll, WaitedSeconds = elapsed.TotalSeconds };
            }

            if (elapsed >= input.Timeout)
            {
                var waiting = rows.Where(r => r.Status != "completed").Select(r => $"{r.Node} ({(r.Status.Length > 0 ? r.Status : r.Error)})");
                throw new ActivityFailure(TimedOut, context.Redactor.Redact($"snapshot {input.Uuid} did not complete within {Durations.Format(input.Timeout)}: still waiting for {string.Join(", ", waiting)}"), retryable: true);
            }

            var remaining = input.Timeout - elapsed;
            await Task.Delay(remaining < input.Interval ? remaining : input.Interval, time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Never waits: says how each node's part stands now when the uuid is known.</summary>
    public override async Task<ActivityPlan> PlanAsync(Input input, ActivityContext context, CancellationToken cancellationToken)
    {
        Validate(input);
        var rows = await PollAsync(input, context, cancellationToken).ConfigureAwait(false);
        var risks = rows.Where(r => r.Status is "failed" or "missing" || r.Error.Length > 0)
            .Select(r => new PlanRisk(context.Redactor.Redact($"{r.Node}: {(r.Error.Length > 0 ? r.Error : r.Status)} now; the wait will fail unless that changes"), RiskSeverity.High))
            .ToList();
        return new ActivityPlan
        {
            Summary = context.Redactor.Redact($"poll get_snapshot -uuid {input.Uuid} on {input.Nodes.Count} nodes every {Durations.Format(input.Interval)} for up to {Durations.Format(input.Timeout)}; now: {Table(rows)}"),
            Effects = [new PlannedEffect(EffectKind.Wait, $"snapshot {input.Uuid}", $"up to {Durations.Format(input.Timeout)}")],
            Risks = risks,
        };
    }

    private static async Task<IReadOnlyList<NodeStatus>> PollAsync(Input input, ActivityContext context, CancellationToken cancellationToken)
    {
        var rows = new List<NodeStatus>();
        foreach (var node in input.Nodes)
        {
            var command = DeviceDbTool.Command(input.Tool, "get_snapshot", node, "-uuid", input.Uuid);
            try
            {
                var result = await DeviceDbTool.RunAsync(command, context, cancellationToken).ConfigureAwait(false);
                var parsed = SnapshotStatusParser.Parse(result.Stderr + "\n" + result.Stdout);
                if (parsed is null || parsed.Uuid != input.Uuid)
                {
                    throw new ActivityFailure(DeviceDbTool.Unparsable, context.Redactor.Redact($"{Process.ToolRunner.Display(command, context)} did not print 'uuid = {input.Uuid}' and a known status: {result.Stderr.Trim()}"), retryable: false);
                }

                rows.Add(new NodeStatus { Node = node.Display, Status = parsed.Status });
            }
            catch (ActivityFailure failure) when (failure.ErrorType == DeviceDbTool.Unreachable)
            {
                // A node that does not answer now may answer on the next poll; the timeout bounds the wait.
                rows.Add(new NodeStatus { Node = node.Display, Error = failure.Message });
            }
        }

        return rows;
    }

    private static string Table(IEnumerable<NodeStatus> rows) => string.Join(", ", rows.Select(r => $"{r.Node}: {(r.Status.Length > 0 ? r.Status : "unreachable")}"));

    private static void Validate(Input input)
    {
        if (input.Nodes.Count == 0)
        {
            throw new ActivityInputException("nodes", "at least one node", "input 'nodes' must list at least one node");
        }

        if (!Guid.TryParse(input.Uuid, out _))
        {
            throw new ActivityInputException("uuid", "a snapshot uuid", $"input 'uuid' must be a snapshot uuid such as b54a61d9-b64c-45e0-94b7-80c9e36b86fa");
        }

        if (input.Interval <= TimeSpan.Zero || input.Timeout <= TimeSpan.Zero)
        {
            throw new ActivityInputException(input.Interval <= TimeSpan.Zero ? "interval" : "timeout", "a duration longer than 0s", "intervals and timeouts must be longer than 0s");
        }
    }

    internal sealed record Input
    {
        [Description("The devicedb executable (a path or a name on PATH).")]
        public string Tool { get; init; } = "devicedb";

        [Description("Every node of the cluster: each is asked for its own part.")]
        public required IReadOnlyList<DeviceDbNode> Nodes { get; init; }

        [Description("The snapshot's uuid (devicedb.snapshot's output).")]
        public required string Uuid { get; init; }

        [Description("Pause between polls (default 5s).")]
        public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(5);

        [Description("Give up after this long (default 1h).")]
        public TimeSpan Timeout { get; init; } = TimeSpan.FromHours(1);

        [Description("How long a node may report missing before that counts as a failure (default 30s).")]
        public TimeSpan MissingGrace { get; init; } = TimeSpan.FromSeconds(30);
    }

    internal sealed record Output
    {
        [Description("Each node's final status.")]
        public IReadOnlyList<NodeStatus> Statuses { get; init; } = [];

        [Description("How many polls it took.")]
        public int Polls { get; init; }

        [Description("Seconds waited.")]
        public double WaitedSeconds { get; init; }
    }

    internal sealed record NodeStatus
    {
        [Description("The node.")]
        public string Node { get; init; } = string.Empty;

        [Description("processing, completed, missing or failed; empty when the node did not answer.")]
        public string Status { get; init; } = string.Empty;

        [Description("Why the node did not answer, when it did not.")]
        public string Error { get; init; } = string.Empty;
    }
}
