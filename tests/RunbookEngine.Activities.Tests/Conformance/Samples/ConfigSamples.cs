using RunbookEngine.Expressions;
using static RunbookEngine.Activities.Tests.Support.Inputs;

namespace RunbookEngine.Activities.Tests.Conformance.Samples;

/// <summary>Conformance samples of one activity family; merged into <see cref="ActivitySample.All"/>.</summary>
internal static class ConfigSamples
{
    public static IReadOnlyDictionary<string, ActivitySample> All { get; } = new Dictionary<string, ActivitySample>(StringComparer.Ordinal)
    {
        ["yaml.write"] = new(
            env => Of(("path", env.Path("data", "cluster.yaml")), ("value", List(Node(1, "127.0.0.1:9001", 0), Node(2, "127.0.0.1:9002", 1)))),
            env => Of(("path", env.Path(SampleEnvironment.SecretFolder, "info.yaml")), ("value", Of(("Address", "127.0.0.1:9001"), ("Password", new SecretValue(SampleEnvironment.Secret)))))),
        ["yaml.set"] = new(
            _ => Of(("path", ExistingFiles.Path("cluster.yaml")), ("set", Of(("[0].Role", 1L), ("[1]", Node(3, "127.0.0.1:9003", 0))))),
            _ => Of(("path", ExistingFiles.SecretPath("info.yaml")), ("set", Of(("Password", new SecretValue(SampleEnvironment.Secret)))))),
        ["ini.set"] = new(
            _ => Of(("path", ExistingFiles.Path("config.ini")), ("section", "meta_server"), ("key", "recover_from_replica_server"), ("value", "true")),
            _ => Of(("path", ExistingFiles.SecretPath("config.ini")), ("section", "zookeeper"), ("key", "password"), ("value", new SecretValue(SampleEnvironment.Secret)))),
    };

    private static Dictionary<string, object?> Node(long id, string address, long role) => Of(("Address", address), ("ID", id), ("Role", role));

    /// <summary>
    /// Files to edit must exist before the suite fingerprints its tree, and the samples are read after it does, so
    /// they live in a folder of their own (one per test process, removed when it exits). Valid samples are only
    /// planned or cancelled, never executed, so they stay as written; the secret ones are executed and may change.
    /// </summary>
    private static class ExistingFiles
    {
        private static readonly Lazy<string> Root = new(Create);

        public static string Path(string name) => System.IO.Path.Combine(Root.Value, name);

        public static string SecretPath(string name) => System.IO.Path.Combine(Root.Value, SampleEnvironment.SecretFolder, name);

        private static string Create()
        {
            var root = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"runbook-config-samples-{Guid.NewGuid():N}");
            Directory.CreateDirectory(System.IO.Path.Combine(root, SampleEnvironment.SecretFolder));
            const string Cluster = "# cowsql cluster\n- Address: 127.0.0.1:9001\n  ID: 1\n  Role: 0\n- Address: 127.0.0.1:9002\n  ID: 2\n  Role: 1\n";
            const string Ini = "[meta_server]\n  cluster_root = /pegasus/onebox\n  recover_from_replica_server = false\n\n[zookeeper]\n  hosts_list = 127.0.0.1:22181\n";
            File.WriteAllText(System.IO.Path.Combine(root, "cluster.yaml"), Cluster);
            File.WriteAllText(System.IO.Path.Combine(root, "config.ini"), Ini);
            File.WriteAllText(System.IO.Path.Combine(root, SampleEnvironment.SecretFolder, "info.yaml"), "Address: 127.0.0.1:9001\nID: 1\nRole: 0\n");
            File.WriteAllText(System.IO.Path.Combine(root, SampleEnvironment.SecretFolder, "config.ini"), Ini);
            AppDomain.CurrentDomain.ProcessExit += (_, _) => Directory.Delete(root, recursive: true);
            return root;
        }
    }
}
