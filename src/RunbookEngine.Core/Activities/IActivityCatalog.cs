namespace RunbookEngine.Activities;

public interface IActivityCatalog
{
    IReadOnlyList<ActivityDescriptor> All { get; }

    ActivityDescriptor? Find(string name);
}
