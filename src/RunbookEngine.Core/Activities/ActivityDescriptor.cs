using RunbookEngine.Format;

namespace RunbookEngine.Activities;

/// <summary>Everything the loader, the schema and <c>runbook activities</c> need to know about an activity.</summary>
public sealed record ActivityDescriptor(
    string Name,
    string Description,
    ActivityTraits Traits,
    IReadOnlyList<ActivityField> Inputs,
    IReadOnlyList<ActivityField> Outputs)
{
    public ObjectShape InputShape { get; } = ToShape(Inputs, Description);

    public ActivityField? FindOutput(string name) => Outputs.FirstOrDefault(o => o.Name == name);

    private static ObjectShape ToShape(IReadOnlyList<ActivityField> fields, string description) =>
        new(fields.Select(f => new FieldShape(f.Name, f.Shape, f.Required, f.Description ?? string.Empty)).ToList())
        {
            Description = description,
        };
}
