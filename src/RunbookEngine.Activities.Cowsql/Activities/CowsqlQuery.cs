using System.ComponentModel;
using RunbookEngine.Activities.Context;
using RunbookEngine.Activities.Cowsql.Operations;
using RunbookEngine.Activities.Planning;

namespace RunbookEngine.Activities.Cowsql.Activities;

/// <summary>
/// Runs one read-only SQL statement through the shell against a running cluster (a verification step's "a query
/// checked") and returns the rows. Only SELECT and WITH … SELECT statements are accepted, so the read-only trait is
/// true. Rows are the shell's tabular lines split at '|' (systems.md §5.2).
/// </summary>
internal sealed class CowsqlQuery : Activity<CowsqlQuery.Input, CowsqlQuery.Output>
{
    public override string Name => "cowsql.query";

    public override string Description => "Runs a read-only SQL query (SELECT) through the shell and returns its rows; can require an expected first value.";

    public override ActivityTraits Traits => ActivityTraits.ReadOnly | ActivityTraits.Idempotent;

    public override async Task<Output> ExecuteAsync(Input input, ActivityContext context, CancellationToken cancellationToken)
    {
        var sql = input.Sql.Trim();
        var head = sql.Split((char[]?)null, 2, StringSplitOptions.RemoveEmptyEntries).FirstOrDefault()?.ToUpperInvariant();
        if (head is not ("SELECT" or "WITH") || sql.TrimEnd(';').Contains(';', StringComparison.Ordinal))
        {
            throw new ActivityInputException("sql", "one SELECT statement", "input 'sql' must be a single SELECT (or WITH … SELECT) statement; cowsql.query never changes data");
        }

        var rows = CowsqlShell.ParseRows(await CowsqlShell.RunAsync(input, sql, json: false, context, cancellationToken));
        var first = rows.Count > 0 && rows[0].Count > 0 ? rows[0][0] : string.Empty;
        context.Log.Info("{Sql} returned {Rows} rows; first value {First}", sql, rows.Count, first);
        if (input.Expect is { } expect && first != expect)
        {
            throw new ActivityFailure("cowsql.unexpected-result", $"{sql} returned '{first}', expected '{expect}'", retryable: true);
        }

        return new Output { Rows = rows, RowCount = rows.Count, First = first };
    }

    public override async Task<ActivityPlan> PlanAsync(Input input, ActivityContext context, CancellationToken cancellationToken)
    {
        var output = await ExecuteAsync(input, context, cancellationToken);
        return RanDuringPlanning(output, $"{input.Sql} → {output.First}");
    }

    internal sealed record Input : IShellTarget
    {
        [Description("host:port of the nodes to ask.")]
        public required IReadOnlyList<string> Servers { get; init; }

        [Description("One SELECT statement.")]
        public required string Sql { get; init; }

        [Description("Fail (retryable) unless the first column of the first row equals this text.")]
        public string? Expect { get; init; }

        [Description("The shell binary: 'cowsql' per the seed, 'dqlite' for go-dqlite (default cowsql).")]
        public string Shell { get; init; } = "cowsql";

        [Description("Database name (default demo).")]
        public string Database { get; init; } = "demo";

        [Description("Client TLS certificate (PEM) for a cluster that requires TLS, passed to the shell as -c; give tlsKey with it.")]
        public string? TlsCert { get; init; }

        [Description("Private key (PEM) of tlsCert, passed to the shell as -k.")]
        public string? TlsKey { get; init; }

        [Description("Kill the shell after this long (default 30s).")]
        public TimeSpan? Timeout { get; init; }
    }

    internal sealed record Output
    {
        [Description("Rows, each a list of column values as the shell printed them.")]
        public IReadOnlyList<IReadOnlyList<string>> Rows { get; init; } = [];

        [Description("Number of rows.")]
        public int RowCount { get; init; }

        [Description("First column of the first row (empty when no row).")]
        public string First { get; init; } = string.Empty;
    }
}
