using RunbookEngine.Activities.Context;
using RunbookEngine.Journal;
using Serilog;
using Serilog.Configuration;
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

    private readonly GuardedFileSink? _file;

    /// <param name="status">On a terminal: the live status line the log is written above.</param>
    /// <param name="warnings">Where a run log file that cannot be written is reported (standard error).</param>
    public RunLog(string? file, TextWriter console, LiveStatus? status = null, TextWriter? warnings = null)
    {
        // {Message:lj}: text values as they are, not in quotes (Serilog's default would print "wait-recovered" and
        // "154ms"), other values as JSON: the same lines 'runbook logs' renders from the JSON file afterwards.
        var configuration = new LoggerConfiguration().MinimumLevel.Information()
            .WriteTo.Sink(new TextWriterSink(console, new MessageTemplateTextFormatter("{Timestamp:HH:mm:ss} {Level:u4} {Message:lj}{NewLine}"), status));
        if (file is not null)
        {
            _file = new GuardedFileSink(file, warnings ?? console, status);
            try
            {
                // Written through at every event (not buffered), fsynced each second: what 'runbook logs' reads.
                configuration = LoggerSinkConfiguration.Wrap(
                    configuration.WriteTo,
                    _file.Guard,
                    sinks => sinks.File(new JsonFormatter(renderMessage: true), file, flushToDiskInterval: TimeSpan.FromSeconds(1)));
            }
            catch (Exception e) when (StorageErrors.IsStorageFailure(e))
            {
                _file.Fail(e); // The file could not even be opened.
            }
        }

        _logger = configuration.CreateLogger();
    }

    public void Info(string messageTemplate, params object?[] properties) => _logger.Information(messageTemplate, properties);

    public void Warning(string messageTemplate, params object?[] properties) => _logger.Warning(messageTemplate, properties);

    public void Dispose() => _logger.Dispose();

    /// <summary>
    /// The JSON log file, behind a guard. The log is the narrative; the journal is the record. A full disk or a
    /// file-size limit must not turn a run into a crash (Serilog's file sink throws from Dispose when its last
    /// buffer cannot be written, and that masked the journal's own error) or, worse, fail a run that succeeded.
    /// The first failure is reported once and the file is given up: appending after a partial line would bury it.
    /// The console keeps every line, and the journal decides what the run did.
    /// </summary>
    private sealed class GuardedFileSink : ILogEventSink, IDisposable
    {
        private readonly Lock _gate = new();
        private readonly string _path;
        private readonly TextWriter _warnings;
        private readonly LiveStatus? _status;
        private ILogEventSink? _sink;

        public GuardedFileSink(string path, TextWriter warnings, LiveStatus? status)
        {
            _path = path;
            _warnings = warnings;
            _status = status;
        }

        public string? Failure { get; private set; }

        /// <summary>Takes Serilog's file sink; this guard disposes it.</summary>
        public ILogEventSink Guard(ILogEventSink file)
        {
            _sink = file;
            return this;
        }

        public void Emit(LogEvent logEvent)
        {
            lock (_gate)
            {
                try
                {
                    _sink?.Emit(logEvent);
                }
                catch (Exception e) when (StorageErrors.IsStorageFailure(e))
                {
                    Fail(e);
                }
            }
        }

        public void Dispose()
        {
            lock (_gate)
            {
                Close();
            }
        }

        /// <summary>Caller holds the lock, or nothing else can use the sink yet.</summary>
        public void Fail(Exception e)
        {
            Close();
            if (Failure is not null)
            {
                return;
            }

            Failure = StorageErrors.Describe(e);
            var line = $"runbook: warning: the run log {_path} cannot be written ({Failure}); from here on the log is only on this console. The journal still records every step.";
            if (_status is not null)
            {
                _status.Line(line + Environment.NewLine);
            }
            else
            {
                _warnings.WriteLine(line);
                _warnings.Flush();
            }
        }

        private void Close()
        {
            var sink = _sink;
            _sink = null;
            try
            {
                (sink as IDisposable)?.Dispose();
            }
            catch (Exception e) when (StorageErrors.IsStorageFailure(e))
            {
                // The unwritten tail of the buffer; reported by Fail once if this is the first failure.
                if (Failure is null)
                {
                    Fail(e);
                }
            }
        }
    }

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
