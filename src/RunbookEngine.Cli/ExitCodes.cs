namespace RunbookEngine.Cli;

/// <summary>The exit codes every command uses; scripts rely on them.</summary>
internal static class ExitCodes
{
    public const int Success = 0;
    public const int RunFailed = 1;
    public const int InvalidInput = 2;
    public const int Paused = 3;
    public const int Interrupted = 130;
}
