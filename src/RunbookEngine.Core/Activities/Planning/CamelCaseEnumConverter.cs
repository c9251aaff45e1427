using System.Text.Json;
using System.Text.Json.Serialization;

namespace RunbookEngine.Activities.Planning;

/// <summary>Plan enums serialise as the camelCase words runbooks use (<c>"delete"</c>, <c>"high"</c>), whatever options the caller passes.</summary>
public sealed class CamelCaseEnumConverter<TEnum>() : JsonStringEnumConverter<TEnum>(JsonNamingPolicy.CamelCase, allowIntegerValues: false)
    where TEnum : struct, Enum;
