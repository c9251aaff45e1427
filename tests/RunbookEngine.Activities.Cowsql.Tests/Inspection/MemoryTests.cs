using RunbookEngine.Activities.Cowsql.Inspection;
using RunbookEngine.Activities.Cowsql.Tests.TestSupport;

namespace RunbookEngine.Activities.Cowsql.Tests.Inspection;

[CollectionDefinition(nameof(MemoryTests), DisableParallelization = true)]
public sealed class MemoryTestsCollection;

/// <summary>
/// Segments are streamed, never loaded whole (the budget: &lt; 50 MB for a 100 MB directory).
/// Runs alone: allocations are counted over all threads, since segments are scanned in parallel.
/// </summary>
[Collection(nameof(MemoryTests))]
public sealed class MemoryTests
{
    [Fact]
    public void A_24_MiB_segment_costs_far_less_than_its_size()
    {
        using var node = new NodeDirectoryBuilder().Bootstrapped();
        node.Closed(2, [Entry.Command(1, 8 * 1024 * 1024)], [Entry.Command(1, 8 * 1024 * 1024)], [Entry.Command(1, 8 * 1024 * 1024)]);
        node.Open(1, [Entry.Command(1, 4 * 1024 * 1024)]);
        NodeInspector.Inspect(node.Path); // warm up pools and code paths

        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var report = NodeInspector.Inspect(node.Path);
        allocated = GC.GetTotalAllocatedBytes(precise: true) - allocated;

        report.LastIndex.ShouldBe(5UL);
        report.Problems.ShouldBeEmpty();
        allocated.ShouldBeLessThan(4L * 1024 * 1024);
    }
}
