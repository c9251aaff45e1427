namespace RunbookEngine.Activities;

/// <summary>An activity plugin. The engine issue adds planning and execution to this contract.</summary>
public interface IActivity
{
    /// <summary>The name runbooks use in <c>uses:</c>; known without reflection so catalogs index cheaply.</summary>
    string Name { get; }

    ActivityDescriptor Descriptor { get; }
}
