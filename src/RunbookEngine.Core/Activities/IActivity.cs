namespace RunbookEngine.Activities;

/// <summary>An activity plugin. The engine issue adds planning and execution to this contract.</summary>
public interface IActivity
{
    ActivityDescriptor Descriptor { get; }
}
