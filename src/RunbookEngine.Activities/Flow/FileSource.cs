using System.Text;
using System.Text.Json;
using RunbookEngine.Activities.Context;
using RunbookEngine.Activities.Http;
using RunbookEngine.Activities.Planning;
using RunbookEngine.Expressions.Evaluation;

namespace RunbookEngine.Activities.Flow;

/// <summary>
/// Reads a file on every poll (a ready marker, a status file a node rewrites): <c>result</c> is
/// <c>{exists, size, text, json}</c>, text capped and redacted, json parsed when the whole text is JSON. Read-only.
/// </summary>
internal sealed class FileSource(string path, string display) : PollSource
{
    private const int MaxText = 64 * 1024;

    public override string Display => "file " + display;

    public static FileSource Of(string file, ActivityContext context)
    {
        var path = context.ResolvePath(file);
        return new FileSource(path, context.Redactor.Redact(path));
    }

    public override Task<object?> ReadAsync(ActivityContext context, bool quiet, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult<object?>(Read(context.Redactor));
    }

    public override Task<(IReadOnlyList<PlannedEffect> Effects, IReadOnlyList<PlanRisk> Risks, object? Now, bool Known)> PlanAsync(ActivityContext context, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult<(IReadOnlyList<PlannedEffect>, IReadOnlyList<PlanRisk>, object?, bool)>(
            ([new PlannedEffect(EffectKind.Read, display, "on every poll")], [], Read(context.Redactor), true));
    }

    private Dictionary<string, object?> Read(SecretRedactor redactor)
    {
        string? text = null;
        long size = 0;
        try
        {
            // Shared: the file usually belongs to a process that is writing it right now.
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            size = stream.Length;
            var buffer = new byte[Math.Min(size, MaxText)];
            stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
            text = Encoding.UTF8.GetString(buffer);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Not there (yet), or not readable: the condition sees exists: false and decides.
        }

        object? json = null;
        if (text is not null && size <= MaxText)
        {
            try
            {
                json = RedactedValues.Of(JsonValues.Parse(text), redactor);
            }
            catch (JsonException)
            {
                // Not JSON (a plain marker or a log): json stays null.
            }
        }

        return new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["exists"] = text is not null,
            ["size"] = size,
            // Empty rather than null when missing, so contains(result.text, ...) works before the file appears.
            ["text"] = text is null ? string.Empty : redactor.Redact(text),
            ["json"] = json,
        };
    }
}
