using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace RunbookEngine.Activities.Process;

/// <summary>
/// What process.start leaves behind for a later step or a resumed run: the pid, its start time (so a reused pid is
/// not mistaken for ours), whether it leads its own process group, a hash of the argv (to recognise "the same command"
/// without writing secrets to disk), the redacted argv for people, and the log file.
/// </summary>
internal sealed record PidRecord
{
    public required int Pid { get; init; }

    public long? StartTime { get; init; }

    public bool OwnProcessGroup { get; init; }

    public string? ArgvSha256 { get; init; }

    public IReadOnlyList<string>? Command { get; init; }

    public string? LogFile { get; init; }

    public string? StartedAt { get; init; }

    /// <summary>The live process this record names, or null when it is gone or its pid now belongs to another process.</summary>
    public ProcessEntry? Live() =>
        ProcessTable.Find(Pid) is { } entry && (StartTime is null || entry.StartTime == StartTime) ? entry : null;

    public static string Hash(IReadOnlyList<string> argv) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\0', argv))));
}

/// <summary>Reads and writes pid files: ours (JSON), or the bare pid that daemons and init scripts write.</summary>
internal static class PidFile
{
    public const string Invalid = "process.pid-file-invalid";

    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = true,
    };

    /// <summary>The record in <paramref name="path"/>, or null when there is no such file.</summary>
    public static PidRecord? Read(string path, string display)
    {
        string text;
        try
        {
            text = File.ReadAllText(path).Trim();
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var bare) && bare > 0)
        {
            return new PidRecord { Pid = bare };
        }

        try
        {
            if (JsonSerializer.Deserialize<PidRecord>(text, Options) is { Pid: > 0 } record)
            {
                return record;
            }
        }
        catch (JsonException)
        {
        }

        // Not retryable, and not "nothing running": a file we cannot read must not be taken to mean the node is stopped.
        throw new ActivityFailure(Invalid, $"pid file {display} holds neither a pid nor a record written by process.start", retryable: false);
    }

    /// <summary>Written to a temporary file and renamed, so a reader never sees half a record.</summary>
    public static void Write(string path, PidRecord record)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = path + ".tmp-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        File.WriteAllText(temporary, JsonSerializer.Serialize(record, Options) + "\n");
        File.Move(temporary, path, overwrite: true);
    }

    public static void Delete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }
}
