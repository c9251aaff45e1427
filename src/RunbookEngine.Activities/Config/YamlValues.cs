using System.Globalization;
using YamlDotNet.Core;

namespace RunbookEngine.Activities.Config;

/// <summary>
/// What a <see cref="YamlTree"/> means as expression values (aliases expanded, plain scalars typed by the YAML 1.2
/// core schema), and deep comparison of such values. Edits are checked with it: the edited file must mean exactly
/// what the old one meant with the requested change, or nothing is written.
/// </summary>
internal static class YamlValues
{
    /// <summary>Alias expansion can grow exponentially ("billion laughs"); past this many nodes the file is refused.</summary>
    private const int MaxNodes = 1_000_000;

    public static object? Of(YamlTree tree, string file)
    {
        if (tree.Root is null)
        {
            return null;
        }

        var anchors = new Dictionary<string, YNode>(StringComparer.Ordinal);
        var budget = MaxNodes;
        return Of(tree.Root, anchors, ref budget, file);
    }

    /// <summary>Ordered deep equality: maps must have the same keys in the same order; NaN equals NaN.</summary>
    public static bool Same(object? a, object? b) => (a, b) switch
    {
        (null, null) => true,
        (bool x, bool y) => x == y,
        (long x, long y) => x == y,
        (double x, double y) => x.Equals(y),
        (string x, string y) => x == y,
        (IReadOnlyList<object?> x, IReadOnlyList<object?> y) => x.Count == y.Count && x.Zip(y).All(p => Same(p.First, p.Second)),
        (IReadOnlyDictionary<string, object?> x, IReadOnlyDictionary<string, object?> y) =>
            x.Count == y.Count && x.Zip(y).All(p => p.First.Key == p.Second.Key && Same(p.First.Value, p.Second.Value)),
        _ => false,
    };

    /// <summary>The value at <paramref name="path"/>, and whether there is one.</summary>
    public static bool TryGet(object? root, YamlPath path, out object? value)
    {
        value = root;
        foreach (var segment in path.Segments)
        {
            switch (segment, value)
            {
                case (YamlPath.Key key, IReadOnlyDictionary<string, object?> map) when map.TryGetValue(key.Name, out var next):
                    value = next;
                    break;
                case (YamlPath.Index index, IReadOnlyList<object?> list) when index.Position < list.Count:
                    value = list[index.Position];
                    break;
                default:
                    value = null;
                    return false;
            }
        }

        return true;
    }

    /// <summary>
    /// A copy of <paramref name="root"/> with <paramref name="value"/> at <paramref name="path"/>, creating missing
    /// mappings (and replacing a null on the way) as <see cref="YamlEditor"/> does: what the edited file must mean.
    /// </summary>
    public static object? With(object? root, YamlPath path, object? value, int from = 0)
    {
        if (from == path.Segments.Count)
        {
            return value;
        }

        switch (path.Segments[from], root)
        {
            case (YamlPath.Key key, IReadOnlyDictionary<string, object?> or null):
            {
                var copy = new Dictionary<string, object?>(StringComparer.Ordinal);
                foreach (var (name, item) in (IReadOnlyDictionary<string, object?>?)root ?? new Dictionary<string, object?>())
                {
                    copy[name] = item;
                }

                copy[key.Name] = With(copy.GetValueOrDefault(key.Name), path, value, from + 1);
                return copy;
            }

            case (YamlPath.Index index, IReadOnlyList<object?> list) when index.Position < list.Count:
            {
                var copy = list.ToList();
                copy[index.Position] = With(copy[index.Position], path, value, from + 1);
                return copy;
            }

            default:
                throw new InvalidOperationException($"{path} does not fit the document; the editor should have refused it");
        }
    }

    private static object? Of(YNode node, Dictionary<string, YNode> anchors, ref int budget, string file)
    {
        if (--budget < 0)
        {
            throw new ConfigProblem(ConfigProblem.Unsupported, $"{file} expands to more than {MaxNodes} values through its aliases");
        }

        if (node.Anchor is { } anchor)
        {
            anchors[anchor] = node;
        }

        switch (node)
        {
            case YScalar scalar:
                return Scalar(scalar);
            case YAlias alias:
                return anchors.TryGetValue(alias.Name, out var target)
                    ? Of(target, anchors, ref budget, file)
                    : throw new ConfigProblem(ConfigProblem.InvalidYaml, $"{file}: the alias *{alias.Name} names no anchor before it");
            case YSequence sequence:
            {
                var items = new List<object?>(sequence.Items.Count);
                foreach (var item in sequence.Items)
                {
                    items.Add(Of(item, anchors, ref budget, file));
                }

                return items;
            }

            case YMapping mapping:
            {
                var map = new Dictionary<string, object?>(StringComparer.Ordinal);
                foreach (var (key, value) in mapping.Entries)
                {
                    var name = Of(key, anchors, ref budget, file) switch
                    {
                        null => "null",
                        bool b => b ? "true" : "false",
                        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                        string s => s,
                        _ => throw new ConfigProblem(ConfigProblem.Unsupported, $"{file} has a mapping key that is a list or a mapping; such keys are not supported"),
                    };
                    if (!map.TryAdd(name, Of(value, anchors, ref budget, file)))
                    {
                        throw new ConfigProblem(ConfigProblem.InvalidYaml, $"{file} has the key '{name}' twice in one mapping");
                    }
                }

                return map;
            }

            default:
                throw new InvalidOperationException(node.GetType().Name);
        }
    }

    private static object? Scalar(YScalar scalar)
    {
        if (scalar.Style is not ScalarStyle.Plain || scalar.Tag is "tag:yaml.org,2002:str" || scalar.Tag is { } tag && !tag.StartsWith("tag:yaml.org,2002:", StringComparison.Ordinal))
        {
            return scalar.Value;
        }

        return YamlScalars.Resolve(scalar.Value);
    }
}
