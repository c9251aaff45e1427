using System.Globalization;
using System.Text.Json;
using RunbookEngine.Activities.Context;
using RunbookEngine.Activities.Network;
using RunbookEngine.Activities.Process;

namespace RunbookEngine.Activities.Cowsql.Operations;

/// <summary>
/// The cowsql / dqlite shell (reference systems.md §5): <c>&lt;shell&gt; -s &lt;servers&gt; [-f json] &lt;database&gt; "&lt;command&gt;"</c>.
/// The binary is a parameter: <c>cowsql</c> per the seed, <c>dqlite</c> from Debian's go-dqlite here. Non-interactive
/// errors print <c>Error: &lt;err&gt;</c> plus usage and exit 1; results are printed only when non-empty.
/// </summary>
internal static class CowsqlShell
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    public static IReadOnlyList<string> Command(string shell, IReadOnlyList<string> servers, string database, string command, bool json = false, ShellTls? tls = null)
    {
        var argv = new List<string> { shell, "-s", string.Join(',', servers) };
        if (tls is not null)
        {
            argv.AddRange(tls.Arguments());
        }

        if (json)
        {
            argv.AddRange(["-f", "json"]);
        }

        argv.Add(database);
        argv.Add(command);
        return argv;
    }

    /// <summary>Runs <paramref name="command"/> against the cluster a check's inputs name, over TLS when they give a certificate.</summary>
    public static Task<string> RunAsync(IShellTarget target, string command, bool json, ActivityContext context, CancellationToken cancellationToken) =>
        RunAsync(target.Shell, target.Servers, target.Database, command, json, target.Timeout, context, cancellationToken,
            tls: ShellTls.From(target.TlsCert, target.TlsKey, context));

    public static async Task<string> RunAsync(string shell, IReadOnlyList<string> servers, string database, string command, bool json, TimeSpan? timeout, ActivityContext context, CancellationToken cancellationToken, bool offline = false, ShellTls? tls = null)
    {
        if (servers.Count == 0)
        {
            throw new ActivityInputException("servers", "at least one host:port", "input 'servers' lists no server");
        }

        // The shell keeps retrying a cluster that is down; a quick probe answers "nobody is there" in milliseconds.
        if (!offline && !await AnyListeningAsync(servers, context, cancellationToken))
        {
            throw new ActivityFailure("cowsql.no-leader", $"no server accepts connections at {string.Join(", ", servers)}", retryable: true);
        }

        var result = await ToolRunner.RunAsync("cowsql", Command(shell, servers, database, command, json, tls), context, cancellationToken, timeout ?? DefaultTimeout);
        if (result.ExitCode != 0)
        {
            var error = FirstError(result.Stderr + "\n" + result.Stdout);
            var retryable = error.Contains("no available", StringComparison.Ordinal) || error.Contains("dial", StringComparison.Ordinal) || error.Contains("connect", StringComparison.Ordinal);
            throw new ActivityFailure(retryable ? "cowsql.no-leader" : "cowsql.shell-error", $"{shell} {command}: {error}", retryable);
        }

        return result.Stdout;
    }

    /// <summary>
    /// Whether any of the host:port addresses accepts a TCP connection. A stopped node refuses at once, so the limit
    /// only bounds an address that does not answer at all; 2 s rather than less, because on a starved machine a
    /// listening node's accept has been seen to take over half a second to reach us.
    /// </summary>
    private static async Task<bool> AnyListeningAsync(IReadOnlyList<string> servers, ActivityContext context, CancellationToken cancellationToken)
    {
        foreach (var server in servers)
        {
            if (await PortProbe.IsOpenAsync(server, "servers", TimeSpan.FromSeconds(2), context, cancellationToken))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The <c>Error: …</c> line cobra prints (without the usage text that follows it).</summary>
    public static string FirstError(string output)
    {
        var line = output.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith("Error:", StringComparison.Ordinal));
        return line is not null ? line["Error:".Length..].Trim() : output.Trim().Split('\n')[0];
    }

    /// <summary>Parses <c>.cluster</c> in JSON form: <c>[{"ID":n,"Address":"…","Role":0}]</c>, roles 0 voter, 1 stand-by, 2 spare.</summary>
    public static IReadOnlyList<ClusterNode> ParseClusterJson(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.EnumerateArray().Select(e => new ClusterNode
            {
                Id = e.GetProperty("ID").GetUInt64().ToString(CultureInfo.InvariantCulture),
                Address = e.GetProperty("Address").GetString() ?? string.Empty,
                Role = e.GetProperty("Role").GetInt32(),
            }).ToList();
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or KeyNotFoundException or FormatException)
        {
            throw new ActivityFailure("cowsql.unexpected-output", $"could not read the .cluster output as JSON ({ex.Message}): {Shorten(json)}", retryable: false);
        }
    }

    /// <summary>Tabular query rows: one line per row, columns separated by '|' (a value containing '|' cannot be told apart).</summary>
    public static IReadOnlyList<IReadOnlyList<string>> ParseRows(string output) =>
        output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => (IReadOnlyList<string>)l.TrimEnd('\r').Split('|')).ToList();

    public static bool IsSimplePath(string path) => path.Length > 0 && !path.Any(char.IsWhiteSpace);

    private static string Shorten(string text) => text.Length > 200 ? text[..200] + "…" : text;
}

/// <summary>What the checks that talk to a running cluster (cowsql.cluster, cowsql.query) take to reach it.</summary>
internal interface IShellTarget
{
    IReadOnlyList<string> Servers { get; }

    string Shell { get; }

    string Database { get; }

    string? TlsCert { get; }

    string? TlsKey { get; }

    TimeSpan? Timeout { get; }
}
