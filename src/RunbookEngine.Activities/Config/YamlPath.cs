using System.Globalization;
using System.Text;

namespace RunbookEngine.Activities.Config;

/// <summary>
/// A place in a YAML document: keys separated by dots, list indexes in brackets, and keys that contain dots or
/// brackets in quoted brackets: <c>meta.port</c>, <c>[1].Address</c>, <c>nodes[0].ID</c>, <c>labels["app.kubernetes.io/name"]</c>.
/// </summary>
internal sealed record YamlPath(string Text, IReadOnlyList<YamlPath.Segment> Segments)
{
    public abstract record Segment;

    public sealed record Key(string Name) : Segment;

    public sealed record Index(int Position) : Segment;

    /// <summary>The path, or a <see cref="FormatException"/> saying what is wrong with it.</summary>
    public static YamlPath Parse(string text)
    {
        var segments = new List<Segment>();
        var i = 0;
        while (i < text.Length)
        {
            if (text[i] == '[')
            {
                var close = text.IndexOf(']', i);
                if (i + 1 < text.Length && text[i + 1] is '"' or '\'')
                {
                    var quote = text[i + 1];
                    var end = text.IndexOf(quote, i + 2);
                    if (end < 0 || end + 1 >= text.Length || text[end + 1] != ']')
                    {
                        throw new FormatException($"the quoted key at position {i + 1} needs a closing {quote}]");
                    }

                    segments.Add(new Key(text[(i + 2)..end]));
                    i = end + 2;
                }
                else if (close > i + 1 && int.TryParse(text.AsSpan(i + 1, close - i - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var index))
                {
                    segments.Add(new Index(index));
                    i = close + 1;
                }
                else
                {
                    throw new FormatException($"position {i + 1}: brackets hold a list index (0, 1, …) or a quoted key");
                }
            }
            else
            {
                if (segments.Count > 0)
                {
                    if (text[i] != '.')
                    {
                        throw new FormatException($"position {i + 1}: expected '.' or '[' between keys");
                    }

                    i++;
                }

                var end = i;
                while (end < text.Length && text[end] is not ('.' or '[' or ']'))
                {
                    end++;
                }

                if (end == i)
                {
                    throw new FormatException($"position {i + 1}: a key is missing");
                }

                segments.Add(new Key(text[i..end]));
                i = end;
            }
        }

        return segments.Count == 0 ? throw new FormatException("the path is empty") : new YamlPath(text, segments);
    }

    /// <summary>The first <paramref name="count"/> segments as text, for messages ("the root" when none).</summary>
    public string Prefix(int count)
    {
        if (count == 0)
        {
            return "the root";
        }

        var text = new StringBuilder();
        foreach (var segment in Segments.Take(count))
        {
            switch (segment)
            {
                case Index index:
                    text.Append('[').Append(index.Position).Append(']');
                    break;
                case Key key when key.Name.AsSpan().IndexOfAny(".[]") >= 0:
                    text.Append("[\"").Append(key.Name).Append("\"]");
                    break;
                case Key key:
                    text.Append(text.Length == 0 ? string.Empty : ".").Append(key.Name);
                    break;
            }
        }

        return text.ToString();
    }

    public override string ToString() => Text;
}
