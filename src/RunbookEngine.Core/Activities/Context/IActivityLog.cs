namespace RunbookEngine.Activities.Context;

/// <summary>
/// Structured log of a step. Templates name their properties (<c>"Copied {Files} files"</c>); the CLI hands them
/// to Serilog, Core stays free of it. Text from runbooks or target systems is a property, never the template,
/// so braces in it are not read as placeholders. Redact every string with <see cref="SecretRedactor"/> first.
/// </summary>
public interface IActivityLog
{
    void Info(string messageTemplate, params object?[] properties);

    void Warning(string messageTemplate, params object?[] properties);
}

internal sealed class NullActivityLog : IActivityLog
{
    public static NullActivityLog Instance { get; } = new();

    public void Info(string messageTemplate, params object?[] properties)
    {
    }

    public void Warning(string messageTemplate, params object?[] properties)
    {
    }
}
