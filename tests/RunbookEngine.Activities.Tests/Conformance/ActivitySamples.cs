using RunbookEngine.Expressions;
using static RunbookEngine.Activities.Tests.Support.Inputs;

namespace RunbookEngine.Activities.Tests.Conformance;

/// <summary>
/// Inputs for one activity: a valid set (whose execution would change something where possible, so a plan that
/// does it gets caught), and a set carrying <see cref="SampleEnvironment.Secret"/> (as a secret value, the way
/// expressions deliver secrets) with the texts the run's redactor knows as secrets.
/// </summary>
public sealed record ActivitySample(
    Func<SampleEnvironment, Dictionary<string, object?>> Valid,
    Func<SampleEnvironment, Dictionary<string, object?>> WithSecret,
    IReadOnlyList<string>? Secrets = null)
{
    /// <summary>One sample per built-in activity. A new activity without a sample fails the suite.</summary>
    private static IReadOnlyDictionary<string, ActivitySample>? _all;

    // Lazy: static initialisers run in text order, and First is declared below.
    public static IReadOnlyDictionary<string, ActivitySample> All => _all ??= Merge(First,
        Samples.FileSamples.All, Samples.ConfigSamples.All, Samples.ArchiveSamples.All, Samples.ProcessSamples.All);

    private static IReadOnlyDictionary<string, ActivitySample> Merge(params IReadOnlyDictionary<string, ActivitySample>[] parts)
    {
        var all = new Dictionary<string, ActivitySample>(StringComparer.Ordinal);
        foreach (var (name, sample) in parts.SelectMany(p => p))
        {
            all.Add(name, sample);
        }

        return all;
    }

    /// <summary>Samples of the first set of activities; families add theirs under Samples/.</summary>
    private static IReadOnlyDictionary<string, ActivitySample> First { get; } = new Dictionary<string, ActivitySample>(StringComparer.Ordinal)
    {
        ["flow.log"] = new(
            _ => Of(("message", "hello"), ("level", "warning")),
            _ => Of(("message", new SecretValue($"token={SampleEnvironment.Secret}")))),
        ["flow.assert"] = new(
            _ => Of(("that", true), ("message", "holds")),
            _ => Of(("that", false), ("message", new SecretValue($"bad token {SampleEnvironment.Secret}")))),
        ["flow.fail"] = new(
            _ => Of(("message", "stop here")),
            _ => Of(("message", new SecretValue(SampleEnvironment.Secret)))),
        ["flow.approve"] = new(
            _ => Of(("message", "wipe node 2?")),
            _ => Of(("message", new SecretValue($"use password {SampleEnvironment.Secret}?")))),
        ["exec"] = new(
            env => Of(("command", List("touch", env.Path("created-by-exec"))), ("workingDirectory", env.Path())),
            env => Of(
                ("command", List("sh", "-c", "echo \"$TOKEN\" \"$1\"; echo \"$TOKEN\" >&2", "sh", new SecretValue(SampleEnvironment.Secret))),
                ("environment", Of(("TOKEN", new SecretValue(SampleEnvironment.Secret)))),
                ("workingDirectory", env.Path(SampleEnvironment.SecretFolder)))),
        ["net.assert-port-closed"] = new(
            env => Of(("address", env.ClosedAddress), ("connectTimeout", "1s")),
            env => Of(("address", new SecretValue(env.ClosedAddress))),
            ["127.0.0.1"]),
        ["net.wait-port"] = new(
            env => Of(("address", env.OpenAddress), ("timeout", "5s")),
            env => Of(("address", new SecretValue(env.OpenAddress))),
            ["127.0.0.1"]),
        ["fs.stat"] = new(
            env => Of(("path", env.Path("data"))),
            env => Of(("path", new SecretValue(env.Path(SampleEnvironment.SecretFolder))))),
        ["fs.backup"] = new(
            env => Of(("path", env.Path("data")), ("destination", env.Path("backups"))),
            env => Of(("path", new SecretValue(env.Path(SampleEnvironment.SecretFolder))), ("destination", env.Path("backups")))),
    };
}
