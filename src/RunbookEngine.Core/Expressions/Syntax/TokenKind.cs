namespace RunbookEngine.Expressions.Syntax;

internal enum TokenKind
{
    End,
    Identifier,
    Integer,
    Decimal,
    String,
    Dot,
    Comma,
    OpenParen,
    CloseParen,
    OpenBracket,
    CloseBracket,
    Not,
    Minus,
    AndAnd,
    OrOr,
    EqualEqual,
    NotEqual,
    Less,
    LessEqual,
    Greater,
    GreaterEqual,
}
