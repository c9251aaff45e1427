using System.ComponentModel;
using RunbookEngine.Activities.Context;
using RunbookEngine.Activities.Dragonboat.Tool;

namespace RunbookEngine.Activities.Dragonboat.Activities;

/// <summary>Checks the new membership against the hosts and the snapshot before anything is touched; lists who is removed.</summary>
internal sealed class DragonboatValidateMembers : Activity<DragonboatValidateMembers.Input, DragonboatValidateMembers.Output>
{
    public override string Name => "dragonboat.validate-members";

    public override string Description => "Validates memberNodes against the importing hosts and the snapshot's membership; reports removed and added replicas.";

    public override ActivityTraits Traits => ActivityTraits.ReadOnly | ActivityTraits.Idempotent;

    public override Task<Output> ExecuteAsync(Input input, ActivityContext context, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var snapshotMembers = input.SnapshotMembers ?? [];
        var problems = MembershipRules.Problems(input.Members, input.Hosts, snapshotMembers, input.SnapshotRemoved ?? []);
        if (problems.Count > 0)
        {
            throw new ActivityFailure(ImportTool.InvalidMembers, context.Redactor.Redact(string.Join("; ", problems)), retryable: false);
        }

        var removed = snapshotMembers.Where(s => input.Members.All(m => m.ReplicaId != s.ReplicaId)).ToList();
        var added = input.Members.Where(m => snapshotMembers.All(s => s.ReplicaId != m.ReplicaId)).ToList();
        return Task.FromResult(new Output
        {
            MembersJson = Member.ToJson(input.Members),
            MembersText = Member.Format(input.Members),
            Removed = removed,
            RemovedText = Member.Format(removed),
            Added = added,
            AddedText = Member.Format(added),
        });
    }

    public override async Task<Planning.ActivityPlan> PlanAsync(Input input, ActivityContext context, CancellationToken cancellationToken)
    {
        var o = await ExecuteAsync(input, context, cancellationToken).ConfigureAwait(false);
        return RanDuringPlanning(o, context.Redactor.Redact($"members {o.MembersText} are valid; removed for ever: {o.RemovedText}; new: {o.AddedText}"));
    }

    internal sealed record Input
    {
        [Description("The new membership (memberNodes), the same on every host.")]
        public required IReadOnlyList<Member> Members { get; init; }

        [Description("The hosts that will import the snapshot.")]
        public required IReadOnlyList<ImportHost> Hosts { get; init; }

        [Description("Membership recorded in the snapshot (dragonboat.snapshot-info's members).")]
        public IReadOnlyList<Member>? SnapshotMembers { get; init; }

        [Description("Replicas the snapshot records as removed.")]
        public IReadOnlyList<Member>? SnapshotRemoved { get; init; }
    }

    internal sealed record Output
    {
        [Description("memberNodes as the tool's -members JSON.")]
        public string MembersJson { get; init; } = string.Empty;

        [Description("memberNodes as replicaId=address, comma-separated.")]
        public string MembersText { get; init; } = string.Empty;

        [Description("Members of the snapshot that the import removes for ever.")]
        public IReadOnlyList<Member> Removed { get; init; } = [];

        [Description("Removed replicas as replicaId=address ('-' when none).")]
        public string RemovedText { get; init; } = string.Empty;

        [Description("New replicas that were not in the snapshot's membership.")]
        public IReadOnlyList<Member> Added { get; init; } = [];

        [Description("Added replicas as replicaId=address ('-' when none).")]
        public string AddedText { get; init; } = string.Empty;
    }
}
