using RunbookEngine.Activities.Context;

namespace RunbookEngine.Activities.Process;

/// <summary>
/// Reads one output stream of a process to its end, keeping at most a cap of text. It keeps draining past the cap,
/// because a child whose pipe is full blocks forever.
/// </summary>
internal sealed class OutputCapture
{
    private readonly CapturedText _text;

    private OutputCapture(StreamReader reader, int keep)
    {
        _text = new CapturedText(keep);
        Completion = Task.Run(() => PumpAsync(reader));
    }

    public Task Completion { get; }

    public static OutputCapture Start(StreamReader reader, int keep) => new(reader, keep);

    /// <inheritdoc cref="CapturedText.Text"/>
    public string Text(SecretRedactor redactor, int cap) => _text.Text(redactor, cap);

    private async Task PumpAsync(StreamReader reader)
    {
        var buffer = new char[8192];
        try
        {
            int read;
            while ((read = await reader.ReadAsync(buffer).ConfigureAwait(false)) > 0)
            {
                _text.Add(buffer.AsSpan(0, read));
            }
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException)
        {
            // The process was killed or disposed while we read; what was captured stands.
        }
    }
}
