namespace RunbookEngine.Expressions;

/// <summary>
/// An expression failed while running. The message never contains the text of a secret.
/// <see cref="Offset"/> and <see cref="Length"/> locate the failing part in the original scalar text.
/// </summary>
public sealed class ExpressionEvaluationException : Exception
{
    public ExpressionEvaluationException(string message, int offset, int length)
        : base(message)
    {
        Offset = offset;
        Length = length;
    }

    public int Offset { get; }

    public int Length { get; }
}
