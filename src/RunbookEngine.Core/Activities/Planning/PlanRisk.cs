using System.Text.Json.Serialization;

namespace RunbookEngine.Activities.Planning;

/// <summary>Something the approver should know: not enough space, a port already open, an opaque command.</summary>
public sealed record PlanRisk(string Text, RiskSeverity Severity);

[JsonConverter(typeof(CamelCaseEnumConverter<RiskSeverity>))]
public enum RiskSeverity
{
    /// <summary>Worth reading.</summary>
    Low,

    /// <summary>Check before approving.</summary>
    Medium,

    /// <summary>The step will fail or lose data as things stand.</summary>
    High,
}
