namespace RunbookEngine.Activities;

/// <summary>The registered activities, by name. Two activities with one name is a programming error.</summary>
public sealed class ActivityCatalog : IActivityCatalog
{
    private readonly Dictionary<string, ActivityDescriptor> _byName = new(StringComparer.Ordinal);

    public ActivityCatalog(IEnumerable<IActivity> activities)
    {
        foreach (var activity in activities)
        {
            var descriptor = activity.Descriptor;
            if (!_byName.TryAdd(descriptor.Name, descriptor))
            {
                throw new InvalidOperationException($"two activities are registered as '{descriptor.Name}'");
            }
        }

        All = _byName.Values.OrderBy(d => d.Name, StringComparer.Ordinal).ToList();
    }

    public static ActivityCatalog Empty { get; } = new([]);

    public IReadOnlyList<ActivityDescriptor> All { get; }

    public ActivityDescriptor? Find(string name) => _byName.GetValueOrDefault(name);
}
