using RunbookEngine.Activities.Context;

namespace RunbookEngine.Activities.OpenMldb.Cli;

/// <summary>The read-only questions activities ask the cluster, each one CLI call parsed into rows.</summary>
internal static class Queries
{
    public static async Task<bool> AutoFailoverAsync(NsInput c, ActivityContext context, CancellationToken ct)
    {
        const string cmd = "confget auto_failover";
        var text = await OpenMldbCli.NsAsync(c, cmd, context, ct).ConfigureAwait(false);
        var table = OpenMldbCli.Parse(text, cmd, t => TableOutput.Parse(t, "key", "value"), context);
        var row = table.Rows.FirstOrDefault(r => table.Cell(r, "key") == "auto_failover")
            ?? throw new ActivityFailure("openmldb.unparsable-output", $"'{cmd}' printed no auto_failover row: {TableOutput.Excerpt(text)}", retryable: false);
        return table.Cell(row, "value") switch
        {
            "true" => true,
            "false" => false,
            var v => throw new ActivityFailure("openmldb.unparsable-output", $"auto_failover is '{v}', expected true or false", retryable: false),
        };
    }

    public static async Task<IReadOnlyList<TabletRow>> TabletsAsync(NsInput c, ActivityContext context, CancellationToken ct)
    {
        var text = await OpenMldbCli.NsAsync(c, "showtablet", context, ct).ConfigureAwait(false);
        return OpenMldbCli.Parse(text, "showtablet", RowParser.Tablets, context);
    }

    public static async Task<IReadOnlyList<ReplicaRow>> ReplicasAsync(NsInput c, string? table, ActivityContext context, CancellationToken ct)
    {
        var cmd = table is null ? "showtable" : $"showtable {table}";
        var text = await OpenMldbCli.NsAsync(c, cmd, context, ct).ConfigureAwait(false);
        return OpenMldbCli.Parse(text, cmd, RowParser.Replicas, context);
    }

    public static async Task<IReadOnlyList<OpRow>> OpsAsync(NsInput c, string? table, ActivityContext context, CancellationToken ct)
    {
        var cmd = table is null ? "showopstatus" : $"showopstatus {table}";
        var text = await OpenMldbCli.NsAsync(c, cmd, context, ct).ConfigureAwait(false);
        return OpenMldbCli.Parse(text, cmd, RowParser.Ops, context);
    }

    public static async Task<long> LastOpIdAsync(NsInput c, ActivityContext context, CancellationToken ct) =>
        (await OpsAsync(c, null, context, ct).ConfigureAwait(false)).Select(o => o.OpId).DefaultIfEmpty(0).Max();

    public static async Task<IReadOnlyList<TableStatusRow>> TableStatusAsync(TabletInput c, ActivityContext context, CancellationToken ct)
    {
        // Without tid/pid the command lists every loaded partition; an empty table is not an error.
        var text = await OpenMldbCli.TabletAsync(c, "gettablestatus", context, ct).ConfigureAwait(false);
        return OpenMldbCli.Parse(text, "gettablestatus", RowParser.TableStatus, context);
    }

    public static TabletInput Tablet(NsInput c, string endpoint) => new TabletConnection { Bin = c.Bin, Endpoint = endpoint, CommandTimeout = c.CommandTimeout };

    private sealed record TabletConnection : TabletInput;
}
