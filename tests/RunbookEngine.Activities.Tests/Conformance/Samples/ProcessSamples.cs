namespace RunbookEngine.Activities.Tests.Conformance.Samples;

/// <summary>Conformance samples of one activity family; merged into <see cref="ActivitySample.All"/>.</summary>
internal static class ProcessSamples
{
    public static IReadOnlyDictionary<string, ActivitySample> All { get; } = new Dictionary<string, ActivitySample>(StringComparer.Ordinal);
}
