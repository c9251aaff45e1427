namespace RunbookEngine.Activities;

/// <summary>
/// The registered activities, by name. Descriptors are derived by reflection only when an activity is
/// looked up, so a command that touches two activities does not pay for all of them.
/// Two activities with one name is a programming error.
/// </summary>
public sealed class ActivityCatalog : IActivityCatalog
{
    private readonly Dictionary<string, IActivity> _byName = new(StringComparer.Ordinal);
    private IReadOnlyList<ActivityDescriptor>? _all;

    public ActivityCatalog(IEnumerable<IActivity> activities)
    {
        foreach (var activity in activities)
        {
            if (!_byName.TryAdd(activity.Name, activity))
            {
                throw new InvalidOperationException($"two activities are registered as '{activity.Name}'");
            }
        }

        Names = _byName.Keys.Order(StringComparer.Ordinal).ToList();
    }

    public static ActivityCatalog Empty { get; } = new([]);

    public IReadOnlyList<string> Names { get; }

    public IReadOnlyList<ActivityDescriptor> All => _all ??= Names.Select(n => _byName[n].Descriptor).ToList();

    public ActivityDescriptor? Find(string name) => _byName.GetValueOrDefault(name)?.Descriptor;

    public IActivity? Get(string name) => _byName.GetValueOrDefault(name);
}
