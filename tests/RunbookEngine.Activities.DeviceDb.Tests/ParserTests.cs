using RunbookEngine.Activities.DeviceDb.Cli;

namespace RunbookEngine.Activities.DeviceDb.Tests;

/// <summary>The output parsers on text shaped as devicedb prints it (systems.md §3.2–3.6), and on text that is not.</summary>
public sealed class ParserTests
{
    private const string Overview = """
        +-----------+----------+-------+
        | PARTITION | REPLICA  | OWNER NODE |
        +-----------+----------+-------+
        | 0         | 0        | 11    |
        +-----------+----------+-------+
        +------------------+-----------+-------+------------+
        |     NODE ID      |   HOST    | PORT  | CAPACITY % |
        +------------------+-----------+-------+------------+
        | 11               | localhost | 8080  | 50         |
        | 12               | localhost | 8181  | 50         |
        +------------------+-----------+-------+------------+
        | PARTITIONS: 1024 | REPLICATION FACTOR: 3 |       |            |
        +------------------+-----------+-------+------------+
        """;

    [Fact]
    public void Overview_reads_only_the_nodes_table_and_its_footer()
    {
        var overview = OverviewParser.Parse(Overview).ShouldNotBeNull();

        overview.Nodes.ShouldBe([new OverviewNode("11", "localhost", 8080, 50), new OverviewNode("12", "localhost", 8181, 50)]);
        overview.Partitions.ShouldBe(1024);
        overview.ReplicationFactor.ShouldBe(3);
    }

    [Theory]
    [InlineData("")]
    [InlineData("Error: Unable to get cluster overview: dial tcp 127.0.0.1:8080: connect: connection refused")]
    [InlineData("| NODE ID | HOST | PORT | CAPACITY % |\n| 11 | localhost | 8080 | 50 |")]
    public void Overview_that_is_not_a_complete_nodes_table_is_refused(string text) => OverviewParser.Parse(text).ShouldBeNull();

    [Fact]
    public void Overview_with_a_non_numeric_port_is_refused() =>
        OverviewParser.Parse(Overview.Replace("| 8181  |", "| 81x1  |", StringComparison.Ordinal)).ShouldBeNull();

    [Theory]
    [InlineData("processing")]
    [InlineData("completed")]
    [InlineData("missing")]
    [InlineData("failed")]
    public void Snapshot_status_reads_both_lines(string status)
    {
        var parsed = SnapshotStatusParser.Parse($"uuid = 8c4c4e0f-4bd5-4b1d-9a4e-1b0e7b3c2f11\nstatus = {status}\n").ShouldNotBeNull();

        parsed.Uuid.ShouldBe("8c4c4e0f-4bd5-4b1d-9a4e-1b0e7b3c2f11");
        parsed.Status.ShouldBe(status);
    }

    [Theory]
    [InlineData("uuid = not-a-uuid\nstatus = completed")]
    [InlineData("uuid = 8c4c4e0f-4bd5-4b1d-9a4e-1b0e7b3c2f11\nstatus = done")]
    [InlineData("status = completed")]
    public void Snapshot_status_that_is_not_printSnapshot_output_is_refused(string text) => SnapshotStatusParser.Parse(text).ShouldBeNull();
}
