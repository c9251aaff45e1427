namespace RunbookEngine.Activities;

/// <summary>
/// On an input record used as a nested object (a node, a member): fields the record does not declare are ignored
/// instead of being an unknown-input error, so a runbook can pass its own richer objects (a node with an API address
/// and a data source) to an activity that needs only some of their fields. Top-level inputs stay strict.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class IgnoreExtraFieldsAttribute : Attribute;
