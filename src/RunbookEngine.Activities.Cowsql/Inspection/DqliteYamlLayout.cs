using System.Globalization;
using System.Text;

namespace RunbookEngine.Activities.Cowsql.Inspection;

/// <summary>
/// Reads info.yaml and cluster.yaml when they are laid out exactly as go-dqlite writes them
/// (gopkg.in/yaml.v2 marshalling NodeInfo: "Address: …\nID: …\nRole: …\n", and for the cluster
/// a block sequence of those, every line after the dash indented by two spaces). Anything else,
/// down to a trailing space, a comment or another key order, returns null and is left to
/// YamlDotNet (<see cref="NodeYamlReader"/>), which gives the same answer for this layout
/// (NodeYamlTests checks both readers against each other). The point is time: YamlDotNet's first
/// parse in a process cost ~10 ms (assembly load, a Regex built by a static constructor, generic
/// stacks compiled at run time), a quarter of a first inspection (docs/benchmarks-cowsql.md).
/// </summary>
/// <remarks>
/// Values are accepted only when YAML can read them in one way, as the plain scalar of those very
/// characters: an address starts with a letter or digit and continues with letters, digits and
/// <c>. : _ -</c>, and does not end with a colon (that would make it a key); ID and Role are
/// digits. Quoted, empty or other values return null.
/// </remarks>
internal static class DqliteYamlLayout
{
    /// <summary>info.yaml: one member, or null when the text is not in go-dqlite's layout.</summary>
    public static ClusterMember? TryReadMember(ReadOnlySpan<byte> text)
    {
        var cursor = text;
        return TryReadFields(ref cursor, "", "", out var member) && cursor.IsEmpty ? member : null;
    }

    /// <summary>cluster.yaml: one or more members, or null when the text is not in go-dqlite's layout.</summary>
    public static IReadOnlyList<ClusterMember>? TryReadMembers(ReadOnlySpan<byte> text)
    {
        var cursor = text;
        var members = new List<ClusterMember>();
        while (!cursor.IsEmpty)
        {
            if (!TryReadFields(ref cursor, "- ", "  ", out var member))
            {
                return null;
            }

            members.Add(member);
        }

        return members.Count > 0 ? members : null;
    }

    private static bool TryReadFields(ref ReadOnlySpan<byte> cursor, string firstIndent, string indent, out ClusterMember member)
    {
        member = null!;
        if (!TryReadLine(ref cursor, firstIndent, "Address", digits: false, out var address)
            || !TryReadLine(ref cursor, indent, "ID", digits: true, out var idText)
            || !TryReadLine(ref cursor, indent, "Role", digits: true, out var roleText)
            || !ulong.TryParse(idText, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            || !long.TryParse(roleText, NumberStyles.None, CultureInfo.InvariantCulture, out var code)
            || MemberRoles.FromDqliteCode(code) is not { } role)
        {
            return false;
        }

        member = new ClusterMember(id, address, role);
        return true;
    }

    /// <summary>"{indent}{key}: {value}\n" with a value of digits or an address.</summary>
    private static bool TryReadLine(ref ReadOnlySpan<byte> cursor, string indent, string key, bool digits, out string value)
    {
        value = "";
        var end = cursor.IndexOf((byte)'\n');
        if (end < 0)
        {
            return false;
        }

        var line = cursor[..end];
        var prefixLength = indent.Length + key.Length + 2;
        if (line.Length <= prefixLength
            || !Matches(line, 0, indent)
            || !Matches(line, indent.Length, key)
            || line[prefixLength - 2] != (byte)':'
            || line[prefixLength - 1] != (byte)' ')
        {
            return false;
        }

        var text = line[prefixLength..];
        if (digits ? !IsDigits(text) : !IsAddress(text))
        {
            return false;
        }

        value = Encoding.ASCII.GetString(text);
        cursor = cursor[(end + 1)..];
        return true;
    }

    private static bool Matches(ReadOnlySpan<byte> line, int at, string expected)
    {
        for (var i = 0; i < expected.Length; i++)
        {
            if (line[at + i] != (byte)expected[i])
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsAddress(ReadOnlySpan<byte> text)
    {
        if (!char.IsAsciiLetterOrDigit((char)text[0]) || text[^1] == (byte)':')
        {
            return false;
        }

        foreach (var b in text)
        {
            if (!char.IsAsciiLetterOrDigit((char)b) && b is not ((byte)'.' or (byte)':' or (byte)'_' or (byte)'-'))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsDigits(ReadOnlySpan<byte> text)
    {
        foreach (var b in text)
        {
            if (!char.IsAsciiDigit((char)b))
            {
                return false;
            }
        }

        return true;
    }
}
