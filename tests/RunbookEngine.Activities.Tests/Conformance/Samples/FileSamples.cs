using System.Security.Cryptography;
using System.Text;
using RunbookEngine.Expressions;
using static RunbookEngine.Activities.Tests.Support.Inputs;

namespace RunbookEngine.Activities.Tests.Conformance.Samples;

/// <summary>Conformance samples of one activity family; merged into <see cref="ActivitySample.All"/>.</summary>
internal static class FileSamples
{
    // Backups for fs.verify-backup and fs.restore-backup are made once, outside the sample tree: the suite fingerprints
    // that tree before it asks for the inputs, so creating them there would look like a side effect of planning.
    private static readonly Lazy<string> Backup = new(() => MakeBackup("data-backup"));
    private static readonly Lazy<string> SecretBackup = new(() => MakeBackup("backup-" + SampleEnvironment.SecretFolder));

    public static IReadOnlyDictionary<string, ActivitySample> All { get; } = new Dictionary<string, ActivitySample>(StringComparer.Ordinal)
    {
        ["fs.copy"] = new(
            env => Of(("path", env.Path("data")), ("destination", env.Path("copy")), ("exclude", List("*.tmp"))),
            env => Of(("path", new SecretValue(env.Path(SampleEnvironment.SecretFolder))), ("destination", env.Path("copy")))),
        ["fs.move"] = new(
            env => Of(("path", env.Path("data", "node1")), ("destination", env.Path("moved", "node1"))),
            env => Of(("path", new SecretValue(env.Path(SampleEnvironment.SecretFolder))), ("destination", env.Path("moved")))),
        ["fs.remove"] = new(
            env => Of(("paths", List(env.Path("data", "node1", "*"))), ("roots", List(env.Path("data")))),
            env => Of(("paths", List(new SecretValue(env.Path(SampleEnvironment.SecretFolder, "*")))), ("roots", List(env.Path())))),
        ["fs.mkdir"] = new(
            env => Of(("path", env.Path("data", "new", "deeper")), ("mode", "0750")),
            env => Of(("path", new SecretValue(env.Path(SampleEnvironment.SecretFolder, "new"))))),
        ["fs.write"] = new(
            env => Of(("path", env.Path("data", "node1", "raft.log")), ("content", "replaced"), ("mode", "0600")),
            env => Of(("path", env.Path(SampleEnvironment.SecretFolder, "config.yaml")), ("content", new SecretValue($"password: {SampleEnvironment.Secret}")))),
        ["fs.list"] = new(
            env => Of(("path", env.Path("data")), ("recursive", true)),
            env => Of(("path", env.Path("data")), ("pattern", new SecretValue("*" + SampleEnvironment.Secret)))),
        ["fs.verify-backup"] = new(
            _ => Of(("path", Backup.Value)),
            _ => Of(("path", new SecretValue(SecretBackup.Value)))),
        ["fs.restore-backup"] = new(
            env => Of(("backup", Backup.Value), ("target", env.Path("data", "node1")), ("replace", true)),
            env => Of(("backup", new SecretValue(SecretBackup.Value)), ("target", env.Path("restored")))),
    };

    /// <summary>A folder laid out as fs.backup makes one, removed when the test process exits.</summary>
    private static string MakeBackup(string name)
    {
        var parent = Path.Combine(Path.GetTempPath(), "runbook-file-samples-" + Guid.NewGuid().ToString("N"));
        var folder = Path.Combine(parent, name);
        Directory.CreateDirectory(Path.Combine(folder, "node1"));
        var manifest = new StringBuilder("# fs.backup manifest\n");
        foreach (var (relative, content) in new[] { ("node1/.meta", "m"), ("node1/raft.log", "entries") })
        {
            File.WriteAllText(Path.Combine(folder, relative), content);
            manifest.Append($"{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content)))}  {content.Length}  {relative}\n");
        }

        File.WriteAllText(Path.Combine(folder, "MANIFEST.sha256"), manifest.ToString());
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Directory.Delete(parent, recursive: true);
        return folder;
    }
}
