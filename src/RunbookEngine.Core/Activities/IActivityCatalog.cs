namespace RunbookEngine.Activities;

public interface IActivityCatalog
{
    /// <summary>Activity names in ordinal order, without building descriptors.</summary>
    IReadOnlyList<string> Names { get; }

    IReadOnlyList<ActivityDescriptor> All { get; }

    ActivityDescriptor? Find(string name);

    /// <summary>The activity itself, for the engine to run.</summary>
    IActivity? Get(string name);
}
