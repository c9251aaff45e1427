namespace RunbookEngine.Activities.Process.Native;

/// <summary>
/// Finds the file to execute for a program name the way System.Diagnostics.Process does on Unix, so a step runs the
/// same program whichever way it is started: a rooted path as is; otherwise the engine executable's folder, then the
/// current directory, then each PATH folder (the engine's PATH, not the step's environment), taking the first
/// executable file. (Process' resolution order: dotnet/runtime, src/libraries/System.Diagnostics.Process/src/System/
/// Diagnostics/Process.Unix.cs, ResolvePath.) ProcessRunner already made names with a '/' absolute.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
internal static class ProgramPath
{
    public static string? Resolve(string program)
    {
        if (Path.IsPathRooted(program))
        {
            return program;
        }

        if (System.Environment.ProcessPath is { } self && Path.GetDirectoryName(self) is { } folder && File.Exists(Path.Combine(folder, program)))
        {
            return Path.Combine(folder, program);
        }

        var here = Path.Combine(Directory.GetCurrentDirectory(), program);
        if (File.Exists(here))
        {
            return here;
        }

        foreach (var entry in (System.Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(entry, program);
            if (IsExecutableFile(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    private static bool IsExecutableFile(string path)
    {
        try
        {
            return File.Exists(path)
                && (File.GetUnixFileMode(path) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
