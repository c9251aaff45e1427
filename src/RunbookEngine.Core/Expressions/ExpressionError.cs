namespace RunbookEngine.Expressions;

/// <summary>A problem found before evaluation. Offsets are relative to the start of the parsed text.</summary>
internal sealed record ExpressionError(int Offset, int Length, string Message, string? Hint = null)
{
    public override string ToString() =>
        Hint is null ? $"{Offset}: {Message}" : $"{Offset}: {Message} ({Hint})";
}
