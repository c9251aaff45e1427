namespace RunbookEngine.Activities.Process;

/// <summary>An argument vector as people read it in logs and plans: items with spaces or quotes are single-quoted. Display only, never executed.</summary>
internal static class CommandLine
{
    public static string Display(IEnumerable<string> argv) => string.Join(' ', argv.Select(Quote));

    private static string Quote(string arg) =>
        arg.Length > 0 && arg.All(c => char.IsLetterOrDigit(c) || "-_./:=@%+,".Contains(c, StringComparison.Ordinal))
            ? arg
            : "'" + arg.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    /// <summary>Whether <paramref name="program"/> can be found: a path that exists, or a name on PATH.</summary>
    public static bool CanFind(string program, string workingDirectory)
    {
        if (program.Contains(Path.DirectorySeparatorChar, StringComparison.Ordinal) || program.Contains(Path.AltDirectorySeparatorChar, StringComparison.Ordinal))
        {
            return File.Exists(Path.GetFullPath(program, workingDirectory));
        }

        var extensions = OperatingSystem.IsWindows() ? new[] { string.Empty, ".exe", ".cmd", ".bat" } : [string.Empty];
        return (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Any(folder => extensions.Any(ext => File.Exists(Path.Combine(folder, program + ext))));
    }
}
