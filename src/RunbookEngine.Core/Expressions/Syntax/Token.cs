namespace RunbookEngine.Expressions.Syntax;

/// <param name="Value">Decoded literal value (string without quotes and escapes, long, double); null for other tokens.</param>
internal sealed record Token(TokenKind Kind, int Offset, int Length, string Text, object? Value = null)
{
    public int End => Offset + Length;

    /// <summary>How the token is named in error messages.</summary>
    public string Describe() => Kind == TokenKind.End ? "end of expression" : $"'{Text}'";
}
