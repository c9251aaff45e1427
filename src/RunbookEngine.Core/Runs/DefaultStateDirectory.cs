namespace RunbookEngine.Runs;

/// <summary>
/// Where runs are kept unless the operator says otherwise: <c>--state-dir</c>, then <c>$RUNBOOK_STATE_DIR</c>,
/// then <c>$XDG_STATE_HOME/runbook</c>, then <c>~/.local/state/runbook</c>. State, not cache or data: the XDG spec
/// puts "actions history" there, and a run's journal is exactly that.
/// </summary>
internal static class DefaultStateDirectory
{
    public const string EnvironmentVariable = "RUNBOOK_STATE_DIR";

    public static string Resolve(string? option) =>
        Resolve(option, Environment.GetEnvironmentVariable, Environment.GetFolderPath(Environment.SpecialFolder.UserProfile));

    /// <param name="environment">Reads an environment variable; a seam for tests.</param>
    /// <param name="home">The user's home directory.</param>
    public static string Resolve(string? option, Func<string, string?> environment, string home)
    {
        if (!string.IsNullOrEmpty(option))
        {
            return Path.GetFullPath(option);
        }

        if (environment(EnvironmentVariable) is { Length: > 0 } fromEnvironment)
        {
            return Path.GetFullPath(fromEnvironment);
        }

        // The XDG spec says a relative XDG_STATE_HOME is invalid and must be ignored.
        if (environment("XDG_STATE_HOME") is { Length: > 0 } xdg && Path.IsPathFullyQualified(xdg))
        {
            return Path.Combine(xdg, "runbook");
        }

        if (string.IsNullOrEmpty(home))
        {
            throw new InvalidOperationException($"cannot find a state directory: no home directory; set {EnvironmentVariable} or pass --state-dir");
        }

        return Path.Combine(home, ".local", "state", "runbook");
    }
}
