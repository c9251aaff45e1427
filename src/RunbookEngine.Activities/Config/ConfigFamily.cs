namespace RunbookEngine.Activities.Config;

/// <summary>The activities of this family beyond the first set, registered by <see cref="BuiltInActivities"/>.</summary>
internal static class ConfigFamily
{
    public static IReadOnlyList<IActivity> Activities { get; } = [new YamlWrite(), new YamlSet(), new IniSet()];
}
