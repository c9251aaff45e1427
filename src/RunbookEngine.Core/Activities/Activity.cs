namespace RunbookEngine.Activities;

/// <summary>
/// Base of typed activities: inputs are a record bound from <c>with:</c>, outputs a record readable as
/// <c>steps.&lt;id&gt;.outputs</c>. The descriptor is derived from the two types, so the loader, the JSON
/// Schema and the documentation can never disagree with the code.
/// </summary>
public abstract class Activity<TInput, TOutput> : IActivity
    where TInput : class
    where TOutput : class
{
    private ActivityDescriptor? _descriptor;

    public abstract string Name { get; }

    public abstract string Description { get; }

    public virtual ActivityTraits Traits => ActivityTraits.None;

    public ActivityDescriptor Descriptor => _descriptor ??= new ActivityDescriptor(
        Name,
        Description,
        Traits,
        TypeShapes.Fields(typeof(TInput)),
        TypeShapes.Fields(typeof(TOutput)));
}

/// <summary>Output of activities that produce none.</summary>
public sealed record NoOutputs;
