using RunbookEngine.Activities.OpenMldb.Cli;

namespace RunbookEngine.Activities.OpenMldb.Recovery;

/// <summary>One partition's recovery plan: which replica is loaded as leader, which are rebuilt from it.</summary>
internal sealed record PartitionChoice(string Name, int Tid, int Pid, ReplicaRow? Leader, IReadOnlyList<ReplicaRow> Candidates,
    IReadOnlyList<ReplicaRow> Followers, IReadOnlyList<ReplicaRow> Unreachable, string? LostReason);

/// <summary>
/// The leader rule of the documented manual procedure ("if there are multiple leaders, choose the one with the larger
/// offset", systems.md 1.9), applied per partition: among replicas flagged leader on a healthy tablet, the
/// NUMERICALLY largest offset wins (the first in showtable order on a tie). This deliberately differs from both
/// upstream scripts: openmldb_migrate.py compared offsets as strings ("9" beats "10") at a column index that moved,
/// and openmldb_ops.py never updates max_offset, so it keeps the last leader-flagged replica (systems.md 1.7, 1.8).
/// A partition without a leader-flagged replica on a healthy tablet is lost: loading a follower could silently drop
/// writes that only the leader had, so that is left to the operator.
/// </summary>
internal static class LeaderChoice
{
    public static IReadOnlyList<PartitionChoice> Choose(IReadOnlyList<ReplicaRow> replicas, IReadOnlySet<string> healthyTablets)
    {
        return replicas
            .GroupBy(r => (r.Name, r.Tid, r.Pid))
            .Select(g =>
            {
                var all = g.ToList();
                var candidates = all.Where(r => r.IsLeader && healthyTablets.Contains(r.Endpoint)).ToList();
                ReplicaRow? leader = null;
                foreach (var c in candidates)
                {
                    if (leader is null || (c.Offset ?? -1) > (leader.Offset ?? -1))
                    {
                        leader = c;
                    }
                }

                var others = all.Where(r => !ReferenceEquals(r, leader)).ToList();
                var lost = leader is not null ? null
                    : all.Any(r => r.IsLeader) ? "no replica flagged leader is on a healthy tablet (" + string.Join(", ", all.Where(r => r.IsLeader).Select(r => r.Endpoint)) + ")"
                    : "no replica is flagged leader";
                return new PartitionChoice(g.Key.Name, g.Key.Tid, g.Key.Pid, leader, candidates,
                    leader is null ? [] : others.Where(r => healthyTablets.Contains(r.Endpoint)).ToList(),
                    leader is null ? [] : others.Where(r => !healthyTablets.Contains(r.Endpoint)).ToList(),
                    lost);
            })
            .OrderBy(c => c.Name, StringComparer.Ordinal).ThenBy(c => c.Pid)
            .ToList();
    }
}
