using System.Security.Cryptography;
using RunbookEngine.Activities.Cowsql.Inspection;
using RunbookEngine.Activities.Cowsql.Tests.TestSupport;

namespace RunbookEngine.Activities.Cowsql.Tests.Inspection;

/// <summary>The promises around the directory itself: read-only, contained, bounded memory.</summary>
public sealed class DirectoryTests
{
    [Fact]
    public void Missing_directory_is_the_one_exception()
    {
        var path = Path.Combine(Path.GetTempPath(), "cowsql-no-such-node-" + Guid.NewGuid().ToString("N"));

        Should.Throw<DirectoryNotFoundException>(() => NodeInspector.Inspect(path)).Message.ShouldContain(path);
    }

    [Fact]
    public void Inspecting_changes_nothing_even_where_raft_would()
    {
        // torn-open-truncated is the worst case: raft would rename, truncate and delete files here.
        using var node = Fixtures.CopyOf("torn-open-truncated", 1);
        var before = Snapshot(node.Path);

        NodeInspector.Inspect(node.Path);

        Snapshot(node.Path).ShouldBe(before);
    }

    [Fact]
    public void Symlink_leaving_the_directory_is_not_followed()
    {
        using var node = new NodeDirectoryBuilder().Bootstrapped();
        using var outside = new NodeDirectoryBuilder().Metadata(1, 7, 7);
        File.Delete(node.PathOf("metadata1"));
        File.CreateSymbolicLink(node.PathOf("metadata1"), outside.PathOf("metadata1"));

        var report = node.Inspect();

        report.Metadata.ShouldBeNull();
        var problem = report.Problems.First();
        (problem.Kind, problem.File).ShouldBe((ProblemKind.SymlinkOutsideDirectory, "metadata1"));
    }

    [Fact]
    public void Symlink_staying_inside_the_directory_is_followed()
    {
        using var node = new NodeDirectoryBuilder().Bootstrapped();
        Directory.CreateDirectory(node.PathOf("keep"));
        File.Move(node.PathOf("metadata1"), Path.Combine(node.Path, "keep", "metadata1"));
        File.CreateSymbolicLink(node.PathOf("metadata1"), Path.Combine(node.Path, "keep", "metadata1"));

        var report = node.Inspect();

        report.Metadata.ShouldBe(new RaftMetadata("metadata1", 1, 1, 0));
        report.Problems.ShouldBeEmpty();
    }

    [Fact]
    public void Listing_has_every_top_level_file_in_ordinal_order_and_no_folder()
    {
        using var node = new NodeDirectoryBuilder().Bootstrapped();
        node.File(".hidden", [1, 2]).File("Zeta", [1]).File("alpha", []);
        Directory.CreateDirectory(node.PathOf("sub"));
        File.WriteAllBytes(Path.Combine(node.Path, "sub", "metadata2"), new byte[32]);
        File.CreateSymbolicLink(node.PathOf("link-to-sub"), node.PathOf("sub"));

        var listing = NodeListing.Read(node.Path);

        listing.Files.Select(f => f.Name).ShouldBe([".hidden", "0000000000000001-0000000000000001", "Zeta", "alpha", "cluster.yaml", "info.yaml", "metadata1"]);
        listing.Find(".hidden").ShouldBe(new NodeFile(".hidden", node.PathOf(".hidden"), 2));
        listing.Problems.ShouldBeEmpty();
    }

    [Fact]
    public void Auto_recovery_leftovers_and_temporary_files_are_reported()
    {
        using var node = new NodeDirectoryBuilder().Bootstrapped();
        node.File("corrupt-1795232024936598223-0000000000001035-0000000000001040", [1]).File("tmp-snapshot-1-2-3", [1]);

        node.Inspect().Problems.Select(p => p.Kind).ShouldBe([ProblemKind.CorruptSegmentRenamed, ProblemKind.TemporaryFile]);
    }

    [Fact]
    public void Parallel_scans_report_exactly_what_a_sequential_scan_reports()
    {
        using var node = new NodeDirectoryBuilder().Bootstrapped();
        node.Closed(2, [Entry.Command(1)]).Closed(4, [Entry.Command(1)]).Closed(4, [Entry.Command(1), Entry.Command(1)]);
        node.File("0000000000000009-0000000000000010", []).Open(2, [Entry.Command(2)]).File("open-1", [1, 2, 3]);

        var parallel = NodeInspector.Inspect(node.Path);
        var sequential = NodeInspector.Inspect(node.Path, new InspectOptions(MaxParallelism: 1));

        parallel.Problems.Count.ShouldBeGreaterThan(2);
        parallel.Problems.ShouldBe(sequential.Problems);
        parallel.Segments.ShouldBe(sequential.Segments);
        (parallel.LastIndex, parallel.LastTerm).ShouldBe((sequential.LastIndex, sequential.LastTerm));
    }

    private static List<(string Name, long Length, DateTime Written, string Hash)> Snapshot(string directory) =>
        Directory.EnumerateFiles(directory)
            .Order(StringComparer.Ordinal)
            .Select(f => (Path.GetFileName(f), new FileInfo(f).Length, File.GetLastWriteTimeUtc(f), Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f)))))
            .ToList();
}
