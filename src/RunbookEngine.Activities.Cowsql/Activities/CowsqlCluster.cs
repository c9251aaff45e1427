using System.ComponentModel;
using RunbookEngine.Activities.Context;
using RunbookEngine.Activities.Cowsql.Operations;
using RunbookEngine.Activities.Planning;

namespace RunbookEngine.Activities.Cowsql.Activities;

/// <summary>
/// Asks a running cluster for its leader (<c>.leader</c>) and membership (<c>.cluster</c>, JSON form) through the
/// shell (reference systems.md §5.2) and, when <c>expect</c> is given, fails unless the membership matches it exactly
/// (addresses and roles; ids too when given). A mismatch or "no leader" is retryable: a restarted cluster needs a few
/// seconds to elect a leader and promote members, so verification steps pair it with <c>retry:</c>.
/// </summary>
internal sealed class CowsqlCluster : Activity<CowsqlCluster.Input, CowsqlCluster.Output>
{
    public override string Name => "cowsql.cluster";

    public override string Description => "Reads a running cluster's leader and membership through the shell (.leader, .cluster) and checks them against an expected configuration.";

    public override ActivityTraits Traits => ActivityTraits.ReadOnly | ActivityTraits.Idempotent;

    public override async Task<Output> ExecuteAsync(Input input, ActivityContext context, CancellationToken cancellationToken)
    {
        var leader = (await CowsqlShell.RunAsync(input, ".leader", json: false, context, cancellationToken)).Trim();
        if (leader.Length == 0)
        {
            throw new ActivityFailure("cowsql.no-leader", $"no leader among {string.Join(", ", input.Servers)} yet", retryable: true);
        }

        var members = CowsqlShell.ParseClusterJson(await CowsqlShell.RunAsync(input, ".cluster", json: true, context, cancellationToken));
        var differences = input.Expect is { } expect ? Differences(expect, members) : [];
        context.Log.Info("Leader {Leader}; members {Members}", leader, Describe(members));
        if (differences.Count > 0)
        {
            throw new ActivityFailure("cowsql.membership-mismatch", $"the cluster reports {Describe(members)}; expected {Describe(input.Expect!)}: {string.Join("; ", differences)}", retryable: true);
        }

        return new Output { Leader = leader, Members = members, Voters = members.Count(m => m.Role == 0) };
    }

    /// <summary>Runs for real. Against a cluster that an earlier planned step has yet to start it fails fast, and the planner shows the check as unknown.</summary>
    public override async Task<ActivityPlan> PlanAsync(Input input, ActivityContext context, CancellationToken cancellationToken)
    {
        var output = await ExecuteAsync(input, context, cancellationToken);
        return RanDuringPlanning(output, $"cluster led by {output.Leader}: {Describe(output.Members)}");
    }

    internal static IReadOnlyList<string> Differences(IReadOnlyList<ClusterNode> expect, IReadOnlyList<ClusterNode> actual)
    {
        var differences = new List<string>();
        foreach (var wanted in expect)
        {
            var found = actual.FirstOrDefault(m => m.Address == wanted.Address);
            if (found is null)
            {
                differences.Add($"{wanted.Address} is missing");
            }
            else if (found.Role != wanted.Role)
            {
                differences.Add($"{wanted.Address} is a {NodeConfig.RoleName(found.Role)}, not a {NodeConfig.RoleName(wanted.Role)}");
            }
            else if (wanted.Id.Length > 0 && found.Id != wanted.Id)
            {
                differences.Add($"{wanted.Address} has id {found.Id}, not {wanted.Id}");
            }
        }

        differences.AddRange(actual.Where(m => expect.All(w => w.Address != m.Address)).Select(m => $"{m.Address} is a member but not expected"));
        return differences;
    }

    private static string Describe(IEnumerable<ClusterNode> members) => string.Join(", ", members.Select(m => $"{m.Address} ({NodeConfig.RoleName(m.Role)})"));

    internal sealed record Input : IShellTarget
    {
        [Description("host:port of the nodes to ask (the shell finds the leader among them).")]
        public required IReadOnlyList<string> Servers { get; init; }

        [Description("Expected membership: address and role (id when not empty); any difference fails the step (retryable).")]
        public IReadOnlyList<ClusterNode>? Expect { get; init; }

        [Description("The shell binary: 'cowsql' per the seed, 'dqlite' for go-dqlite (default cowsql).")]
        public string Shell { get; init; } = "cowsql";

        [Description("Database name (default demo).")]
        public string Database { get; init; } = "demo";

        [Description("Client TLS certificate (PEM) for a cluster that requires TLS, passed to the shell as -c; give tlsKey with it.")]
        public string? TlsCert { get; init; }

        [Description("Private key (PEM) of tlsCert, passed to the shell as -k.")]
        public string? TlsKey { get; init; }

        [Description("Kill the shell after this long (default 30s).")]
        public TimeSpan? Timeout { get; init; }
    }

    internal sealed record Output
    {
        [Description("The leader's address.")]
        public string Leader { get; init; } = string.Empty;

        [Description("The members as the leader reports them.")]
        public IReadOnlyList<ClusterNode> Members { get; init; } = [];

        [Description("How many members are voters.")]
        public int Voters { get; init; }
    }
}
