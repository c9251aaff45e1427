using System.Globalization;
using RunbookEngine.Activities.Context;

namespace RunbookEngine.Activities.Process;

/// <summary>
/// The process a step means, given as a pid file or a pid: the record to check it against, and how to name it in
/// messages. A pid file that does not exist means "no process", never an error: the node is simply not running.
/// </summary>
internal sealed record ProcessTarget(PidRecord? Record, string? PidPath, string? PidPathDisplay, string Description)
{
    public static ProcessTarget Of(string? pidFile, int? pid, ActivityContext context)
    {
        if ((pidFile is null) == (pid is null))
        {
            throw new ActivityInputException(pidFile is null ? "pidFile" : "pid", "either pidFile or pid", "give exactly one of the inputs 'pidFile' and 'pid'");
        }

        if (pid is { } number)
        {
            return number > 1
                ? new ProcessTarget(new PidRecord { Pid = number }, null, null, "process " + number.ToString(CultureInfo.InvariantCulture))
                : throw new ActivityInputException("pid", "a process id above 1", $"input 'pid' must be above 1, found {number}");
        }

        var path = context.ResolvePath(pidFile!);
        var display = context.Redactor.Redact(path);
        return new ProcessTarget(PidFile.Read(path, display), path, display, "pid file " + display);
    }

    /// <summary>The live process, or null when there is none (or the pid now belongs to an unrelated process).</summary>
    public ProcessEntry? Live() => Record?.Live();

    /// <summary>A command line for messages: redacted and shortened.</summary>
    public static string Show(ProcessEntry entry, SecretRedactor redactor)
    {
        var text = redactor.Redact(entry.CommandLine);
        return text.Length > 200 ? text[..200] + "…" : text;
    }
}
