using System.Text.Json.Serialization;

namespace RunbookEngine.Activities.Planning;

/// <summary>One thing a step would touch: <c>delete /data/node2 (3.1 GiB)</c>, <c>exec systemctl stop cowsql</c>.</summary>
public sealed record PlannedEffect(EffectKind Kind, string Target, string? Detail = null, long? Bytes = null);

[JsonConverter(typeof(CamelCaseEnumConverter<EffectKind>))]
public enum EffectKind
{
    Read,
    Write,
    Delete,
    Exec,
    Network,
    Wait,
    Approve,
}
