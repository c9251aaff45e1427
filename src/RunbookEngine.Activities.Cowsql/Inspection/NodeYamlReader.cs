using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace RunbookEngine.Activities.Cowsql.Inspection;

/// <summary>
/// Reads go-dqlite's info.yaml (one node) and cluster.yaml (a list of nodes): keys Address, ID
/// (decimal u64) and Role (dqlite code: 0 voter, 1 standby, 2 spare). Sources: cowsql seed A.1/A.2,
/// go-dqlite v1.11.5 app/files.go; reference §2.7. The app refuses to start when exactly one of the
/// two files exists ("inconsistent info.yaml and cluster.yaml"). Files in the exact layout go-dqlite
/// writes are read by <see cref="DqliteYamlLayout"/>, without YamlDotNet's start-up cost.
/// </summary>
internal static class NodeYamlReader
{
    private const int SizeLimit = 1024 * 1024;
    private const int MaxDepth = 8;

    public static (ClusterMember? Info, IReadOnlyList<ClusterMember>? Cluster) Read(NodeListing listing, List<Problem> problems)
    {
        var infoFile = listing.Find("info.yaml");
        var clusterFile = listing.Find("cluster.yaml");
        if ((infoFile is null) != (clusterFile is null))
        {
            problems.Add(new Problem(
                ProblemKind.YamlInconsistent,
                ProblemSeverity.Error,
                $"inconsistent info.yaml and cluster.yaml: only {(infoFile ?? clusterFile)!.Name} exists",
                (infoFile ?? clusterFile)!.Name));
        }

        var info = infoFile is null ? null : ReadInfo(ReadOnlyFiles.ReadSmall(infoFile, SizeLimit, problems), infoFile.Name, problems);
        var cluster = clusterFile is null ? null : ReadCluster(ReadOnlyFiles.ReadSmall(clusterFile, SizeLimit, problems), clusterFile.Name, problems);
        return (info, cluster);
    }

    /// <summary>info.yaml's bytes (null when unreadable); <paramref name="layout"/> false skips <see cref="DqliteYamlLayout"/> (tests).</summary>
    internal static ClusterMember? ReadInfo(byte[]? bytes, string file, List<Problem> problems, bool layout = true) =>
        bytes is null ? null
        : (layout ? DqliteYamlLayout.TryReadMember(bytes) : null) ?? Parse(bytes, file, problems, root => Member(root, file));

    /// <summary>cluster.yaml's bytes (null when unreadable); <paramref name="layout"/> false skips <see cref="DqliteYamlLayout"/> (tests).</summary>
    internal static IReadOnlyList<ClusterMember>? ReadCluster(byte[]? bytes, string file, List<Problem> problems, bool layout = true) =>
        bytes is null ? null
        : (layout ? DqliteYamlLayout.TryReadMembers(bytes) : null) ?? Parse(bytes, file, problems, root => Members(root, file));

    private static T? Parse<T>(byte[] bytes, string file, List<Problem> problems, Func<YamlNode, T> read)
        where T : class
    {
        try
        {
            var text = System.Text.Encoding.UTF8.GetString(bytes);
            CheckDepth(text, file);
            var stream = new YamlStream();
            stream.Load(new StringReader(text));
            if (stream.Documents.Count != 1)
            {
                throw new FormatException($"{file}: expected one YAML document, found {stream.Documents.Count}");
            }

            return read(stream.Documents[0].RootNode);
        }
        catch (Exception ex) when (ex is YamlException or FormatException)
        {
            problems.Add(new Problem(ProblemKind.YamlInvalid, ProblemSeverity.Error, ex.Message, file));
            return null;
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException)
        {
            // YamlDotNet throws these instead of a YamlException for some damaged input (an open flow list before a
            // 'key: value' line; a tag that does not expand to a URI). A damaged node is what this reader is for.
            problems.Add(new Problem(ProblemKind.YamlInvalid, ProblemSeverity.Error, $"{file}: not valid YAML ({ex.Message})", file));
            return null;
        }
    }

    /// <summary>
    /// YamlDotNet's representation model recurses once per nesting level: a 1 MiB file of "[[[[…"
    /// overflowed the stack (an uncatchable crash, found by a test). Its event parser does not
    /// recurse, so it vets the depth first; these files need two levels.
    /// </summary>
    private static void CheckDepth(string text, string file)
    {
        var parser = new Parser(new StringReader(text));
        var depth = 0;
        while (parser.MoveNext())
        {
            depth += parser.Current switch
            {
                YamlDotNet.Core.Events.MappingStart or YamlDotNet.Core.Events.SequenceStart => 1,
                YamlDotNet.Core.Events.MappingEnd or YamlDotNet.Core.Events.SequenceEnd => -1,
                _ => 0,
            };
            if (depth > MaxDepth)
            {
                throw new FormatException($"{file}: line {parser.Current!.Start.Line}: nested deeper than {MaxDepth} levels");
            }
        }
    }

    private static IReadOnlyList<ClusterMember> Members(YamlNode root, string file) =>
        root is YamlSequenceNode list
            ? list.Children.Select(n => Member(n, file)).ToList()
            : throw new FormatException($"{file}: expected a list of nodes");

    private static ClusterMember Member(YamlNode node, string file)
    {
        if (node is not YamlMappingNode map)
        {
            throw new FormatException($"{file}: line {node.Start.Line}: expected a mapping with Address, ID and Role");
        }

        var address = Scalar(map, "Address", file);
        if (!ulong.TryParse(Scalar(map, "ID", file), NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            throw new FormatException($"{file}: line {node.Start.Line}: ID is not a decimal 64-bit unsigned number");
        }

        var roleText = Scalar(map, "Role", file);
        var role = long.TryParse(roleText, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var code) ? MemberRoles.FromDqliteCode(code) : null;
        return role is null
            ? throw new FormatException($"{file}: line {node.Start.Line}: Role '{roleText}' is not 0 (voter), 1 (standby) or 2 (spare)")
            : new ClusterMember(id, address, role.Value);
    }

    private static string Scalar(YamlMappingNode map, string key, string file) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var value) && value is YamlScalarNode { Value: { } text }
            ? text
            : throw new FormatException($"{file}: line {map.Start.Line}: missing {key}");
}
