using System.Formats.Tar;
using System.IO.Compression;
using RunbookEngine.Expressions;
using static RunbookEngine.Activities.Tests.Support.Inputs;

namespace RunbookEngine.Activities.Tests.Conformance.Samples;

/// <summary>Conformance samples of one activity family; merged into <see cref="ActivitySample.All"/>.</summary>
internal static class ArchiveSamples
{
    private static readonly Lazy<string> SampleArchive = new(CreateArchive);

    public static IReadOnlyDictionary<string, ActivitySample> All { get; } = new Dictionary<string, ActivitySample>(StringComparer.Ordinal)
    {
        ["archive.extract"] = new(
            env => Of(("archive", SampleArchive.Value), ("destination", env.Path("restored"))),
            env => Of(("archive", SampleArchive.Value), ("destination", new SecretValue(env.Path(SampleEnvironment.SecretFolder, "restored"))))),
        ["archive.create"] = new(
            env => Of(("source", env.Path("data")), ("archive", env.Path("data.tar.gz"))),
            env => Of(("source", new SecretValue(env.Path(SampleEnvironment.SecretFolder))), ("archive", env.Path("vault.tar")), ("exclude", List("*.tmp")))),
    };

    /// <summary>
    /// The archive exists before the suite fingerprints its tree, so it lives outside it (one per test process,
    /// removed when it exits). One entry's name holds the secret: plans list entry names, and must redact them.
    /// </summary>
    private static string CreateArchive()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"runbook-archive-samples-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, "node1.tar.gz");
        using (var file = File.Create(path))
        using (var gzip = new GZipStream(file, CompressionLevel.Fastest))
        using (var writer = new TarWriter(gzip, TarEntryFormat.Pax))
        {
            writer.WriteEntry(new PaxTarEntry(TarEntryType.Directory, "node1/"));
            writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, "node1/raft.log") { DataStream = new MemoryStream("entries"u8.ToArray()) });
            writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, $"{SampleEnvironment.SecretFolder}.txt") { DataStream = new MemoryStream("s"u8.ToArray()) });
        }

        AppDomain.CurrentDomain.ProcessExit += (_, _) => Directory.Delete(folder, recursive: true);
        return path;
    }
}
