using System.ComponentModel;
using System.Globalization;

namespace RunbookEngine.Activities.Dragonboat.Tool;

/// <summary>One entry of memberNodes: a replica id and the RaftAddress of the NodeHost it runs on.</summary>
public sealed record Member
{
    [Description("Replica id (ReplicaID) of the node.")]
    public required long ReplicaId { get; init; }

    [Description("RaftAddress of the NodeHost the replica runs on.")]
    public required string Address { get; init; }

    /// <summary>Parses the tool's <c>1=m1,4=m4</c> list (<c>-</c> is empty).</summary>
    public static IReadOnlyList<Member> ParseList(string text)
    {
        text = text.Trim();
        if (text is "-" or "")
        {
            return [];
        }

        var members = new List<Member>();
        foreach (var part in text.Split(','))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0 || !long.TryParse(part[..eq], NumberStyles.None, CultureInfo.InvariantCulture, out var id) || eq == part.Length - 1)
            {
                throw new FormatException($"'{part}' is not replicaId=address");
            }

            members.Add(new Member { ReplicaId = id, Address = part[(eq + 1)..] });
        }

        return members;
    }

    public static string Format(IEnumerable<Member> members)
    {
        var text = string.Join(',', members.OrderBy(m => m.ReplicaId).Select(m => string.Create(CultureInfo.InvariantCulture, $"{m.ReplicaId}={m.Address}")));
        return text.Length == 0 ? "-" : text;
    }

    /// <summary>The -members flag value: a JSON object of replica id to address.</summary>
    public static string ToJson(IEnumerable<Member> members) =>
        System.Text.Json.JsonSerializer.Serialize(members.OrderBy(m => m.ReplicaId).ToDictionary(m => m.ReplicaId.ToString(CultureInfo.InvariantCulture), m => m.Address));
}
