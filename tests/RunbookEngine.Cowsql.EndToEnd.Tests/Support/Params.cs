using System.Text;

namespace RunbookEngine.Cowsql.EndToEnd.Tests.Support;

/// <summary>Writes a --params file for the cowsql runbooks.</summary>
internal static class Params
{
    /// <param name="restore">false for find-most-up-to-date, which takes no backup, demo or verification parameters.</param>
    public static string Write(DqliteCluster cluster, IEnumerable<DqliteNode> nodes, string? expect, IDictionary<string, string>? extra = null, IDictionary<int, string>? sources = null, bool restore = true)
    {
        var text = new StringBuilder().Append("dataDirectory: ").Append(cluster.DataDirectory).Append('\n');
        if (!restore)
        {
            text.Append("shell: ").Append(DqliteCluster.Shell).Append('\n');
        }
        else
        {
            text.Append("backupRoot: ").Append(Path.Combine(cluster.Root, "backups")).Append('\n')
                .Append("pidDirectory: ").Append(Path.Combine(cluster.Root, "pids")).Append('\n')
                .Append("shell: ").Append(DqliteCluster.Shell).Append('\n')
                .Append("demo: ").Append(DqliteCluster.Demo).Append('\n');
        }

        if (expect is not null)
        {
            text.Append("expect: \"").Append(expect).Append("\"\n");
        }

        foreach (var (key, value) in extra ?? new Dictionary<string, string>())
        {
            text.Append(key).Append(": ").Append(value).Append('\n');
        }

        text.Append("nodes:\n");
        foreach (var node in nodes)
        {
            text.Append($"  - {{ address: \"{node.Address}\", id: \"{node.Id}\", api: \"{node.Api}\"");
            if (sources?.TryGetValue(node.Number, out var source) == true)
            {
                text.Append($", source: \"{source}\"");
            }

            text.Append(" }\n");
        }

        var path = Path.Combine(cluster.Root, $"params-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, text.ToString());
        return path;
    }
}
