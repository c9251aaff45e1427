namespace RunbookEngine.Activities.DeviceDb.Cli;

/// <summary>What printSnapshot (main.go) prints for `cluster snapshot` and `get_snapshot`: <c>uuid = U</c>, <c>status = S</c>.</summary>
internal sealed record SnapshotStatus(string Uuid, string Status);

/// <summary>Parses printSnapshot's two lines; the statuses are CheckSnapshotStatus's four (systems.md §3.3).</summary>
internal static class SnapshotStatusParser
{
    public static readonly IReadOnlyList<string> Statuses = ["processing", "completed", "missing", "failed"];

    /// <summary>Null when the text is not printSnapshot's output.</summary>
    public static SnapshotStatus? Parse(string text)
    {
        string? uuid = null;
        string? status = null;
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.StartsWith("uuid = ", StringComparison.Ordinal))
            {
                uuid = line["uuid = ".Length..].Trim();
            }
            else if (line.StartsWith("status = ", StringComparison.Ordinal))
            {
                status = line["status = ".Length..].Trim();
            }
        }

        return uuid is { Length: > 0 } && Guid.TryParse(uuid, out _) && status is not null && Statuses.Contains(status)
            ? new SnapshotStatus(uuid, status)
            : null;
    }
}
