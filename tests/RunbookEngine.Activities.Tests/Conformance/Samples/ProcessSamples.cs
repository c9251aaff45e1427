using RunbookEngine.Expressions;
using static RunbookEngine.Activities.Tests.Support.Inputs;

namespace RunbookEngine.Activities.Tests.Conformance.Samples;

/// <summary>
/// Conformance samples of the process, HTTP and flow.wait-until activities; merged into <see cref="ActivitySample.All"/>.
/// Secret samples run for real, so they are chosen to end quickly and leave nothing running: a daemon that exits at
/// once, a pid file that does not exist, a loopback port nobody listens on.
/// </summary>
internal static class ProcessSamples
{
    private static string Secret => SampleEnvironment.Secret;

    public static IReadOnlyDictionary<string, ActivitySample> All { get; } = new Dictionary<string, ActivitySample>(StringComparer.Ordinal)
    {
        ["shell"] = new(
            env => Of(("script", "touch \"$TARGET\""), ("env", Of(("TARGET", env.Path("created-by-shell")))), ("workingDirectory", env.Path())),
            env => Of(
                ("script", "echo \"$TOKEN\"; echo \"$TOKEN\" >&2; exit 3"),
                ("env", Of(("TOKEN", new SecretValue(Secret)))),
                ("workingDirectory", env.Path(SampleEnvironment.SecretFolder)))),
        ["process.start"] = new(
            env => Of(("command", List("sleep", "30")), ("pidFile", env.Path("run", "node.pid"))),
            env => Of(
                ("command", List("sh", "-c", "echo \"$1\"; exit 0", "sh", new SecretValue(Secret))),
                ("pidFile", env.Path(SampleEnvironment.SecretFolder, "node.pid")),
                ("settle", "300ms"))),
        ["process.stop"] = new(
            env => Of(("pidFile", env.Path("run", "node.pid")), ("timeout", "1s")),
            env => Of(("pidFile", new SecretValue(env.Path(SampleEnvironment.SecretFolder, "node.pid"))))),
        ["process.assert-not-running"] = new(
            _ => Of(("match", "no-such-process-" + Guid.NewGuid().ToString("N"))),
            _ => Of(("match", new SecretValue(Secret)))),
        ["http.request"] = new(
            env => Of(("method", "POST"), ("url", $"http://{env.ClosedAddress}/api/restore"), ("body", Of(("node", 2L))), ("timeout", "5s")),
            env => Of(
                ("url", new SecretValue($"http://{env.ClosedAddress}/{Secret}")),
                ("headers", Of(("Authorization", new SecretValue("Bearer " + Secret)))),
                ("body", new SecretValue(Secret)),
                ("method", "PUT"))),
        ["flow.wait-until"] = new(
            env => Of(("file", env.Path("data", "node1", "raft.log")), ("until", "result.exists"), ("interval", "1s"), ("timeout", "5s")),
            _ => Of(
                ("activity", "exec"),
                ("with", Of(("command", List("sh", "-c", "echo \"$TOKEN\"")), ("environment", Of(("TOKEN", new SecretValue(Secret)))))),
                ("until", "contains(result.stdout, 'never')"),
                ("interval", "200ms"),
                ("timeout", "1s"))),
    };
}
