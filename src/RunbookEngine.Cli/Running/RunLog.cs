using RunbookEngine.Activities.Context;
using Serilog;
using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting.Display;
using Serilog.Formatting.Json;

namespace RunbookEngine.Cli.Running;

/// <summary>
/// The run's log: JSON lines in the run folder (the record of what happened, for 'runbook logs') and plain lines
/// for the operator. Messages are redacted before they get here; the JSON file never sees a secret either.
/// </summary>
internal sealed class RunLog : IActivityLog, IDisposable
{
    private readonly Logger _logger;

    /// <param name="status">On a terminal: the live status line the log is written above.</param>
    public RunLog(string? file, TextWriter console, LiveStatus? status = null)
    {
        // {Message:lj}: text values as they are, not in quotes (Serilog's default would print "wait-recovered" and
        // "154ms"), other values as JSON: the same lines 'runbook logs' renders from the JSON file afterwards.
        var configuration = new LoggerConfiguration().MinimumLevel.Information()
            .WriteTo.Sink(new TextWriterSink(console, new MessageTemplateTextFormatter("{Timestamp:HH:mm:ss} {Level:u4} {Message:lj}{NewLine}"), status));
        if (file is not null)
        {
            configuration = configuration.WriteTo.File(new JsonFormatter(renderMessage: true), file, flushToDiskInterval: TimeSpan.FromSeconds(1));
        }

        _logger = configuration.CreateLogger();
    }

    public void Info(string messageTemplate, params object?[] properties) => _logger.Information(messageTemplate, properties);

    public void Warning(string messageTemplate, params object?[] properties) => _logger.Warning(messageTemplate, properties);

    public void Dispose() => _logger.Dispose();

    /// <summary>Writes to the command's output writer (tests capture it; Serilog's console sink would bypass it).</summary>
    private sealed class TextWriterSink(TextWriter writer, MessageTemplateTextFormatter formatter, LiveStatus? status) : ILogEventSink
    {
        private readonly Lock _gate = new();

        public void Emit(LogEvent logEvent)
        {
            lock (_gate)
            {
                if (status is null)
                {
                    formatter.Format(logEvent, writer);
                    writer.Flush();
                    return;
                }

                using var line = new StringWriter();
                formatter.Format(logEvent, line);
                status.Line(line.ToString());
            }
        }
    }
}
