using RunbookEngine.Expressions;
using RunbookEngine.Expressions.Syntax;

namespace RunbookEngine.Core.Tests.Expressions;

public class LexerTests
{
    private static List<Token> Lex(string text, List<ExpressionError>? errors = null) =>
        new Lexer(text, 0, text.Length, errors ?? []).Tokenize();

    [Fact]
    public void Tokenizes_every_operator_and_punctuation()
    {
        var kinds = Lex("|| && == != < <= > >= ! - ( ) [ ] . ,").Select(t => t.Kind);

        kinds.ShouldBe(
        [
            TokenKind.OrOr, TokenKind.AndAnd, TokenKind.EqualEqual, TokenKind.NotEqual, TokenKind.Less, TokenKind.LessEqual,
            TokenKind.Greater, TokenKind.GreaterEqual, TokenKind.Not, TokenKind.Minus, TokenKind.OpenParen, TokenKind.CloseParen,
            TokenKind.OpenBracket, TokenKind.CloseBracket, TokenKind.Dot, TokenKind.Comma, TokenKind.End,
        ]);
    }

    [Fact]
    public void Identifiers_may_contain_hyphens_and_digits_but_not_start_with_them()
    {
        var tokens = Lex("find-latest _x9 a-1-b");

        tokens.Where(t => t.Kind == TokenKind.Identifier).Select(t => t.Text).ShouldBe(["find-latest", "_x9", "a-1-b"]);
    }

    [Fact]
    public void Leading_minus_is_an_operator_not_part_of_the_identifier()
    {
        var tokens = Lex("-abc");

        tokens[0].Kind.ShouldBe(TokenKind.Minus);
        tokens[1].Text.ShouldBe("abc");
    }

    [Fact]
    public void Numbers_decode_to_long_and_double()
    {
        var tokens = Lex("42 1.5 007");

        tokens[0].ShouldBe(new Token(TokenKind.Integer, 0, 2, "42", 42L));
        tokens[1].Kind.ShouldBe(TokenKind.Decimal);
        tokens[1].Value.ShouldBe(1.5);
        tokens[2].Value.ShouldBe(7L);
    }

    [Fact]
    public void A_dot_after_digits_without_a_digit_is_member_access()
    {
        Lex("1.x").Select(t => t.Kind).ShouldBe([TokenKind.Integer, TokenKind.Dot, TokenKind.Identifier, TokenKind.End]);
    }

    [Fact]
    public void Single_quoted_strings_double_the_quote_and_keep_backslashes()
    {
        var token = Lex(@"'it''s a\n'")[0];

        token.Kind.ShouldBe(TokenKind.String);
        token.Value.ShouldBe(@"it's a\n");
        token.Length.ShouldBe(11);
    }

    [Fact]
    public void Double_quoted_strings_support_backslash_escapes()
    {
        Lex("\"a\\\"b\\\\c\\nd\\te\"")[0].Value.ShouldBe("a\"b\\c\nd\te");
    }

    [Fact]
    public void Offsets_are_relative_to_the_whole_source_when_lexing_a_slice()
    {
        var source = "xx ${{ a.b }}";
        var tokens = new Lexer(source, 6, 11, []).Tokenize();

        tokens.Select(t => (t.Kind, t.Offset)).ShouldBe([(TokenKind.Identifier, 7), (TokenKind.Dot, 8), (TokenKind.Identifier, 9), (TokenKind.End, 11)]);
    }

    [Theory]
    [InlineData("a = b", 2, "unexpected character '='", "use '==' to compare values")]
    [InlineData("a & b", 2, "unexpected character '&'", "use '&&' for a logical and")]
    [InlineData("a | b", 2, "unexpected character '|'", "use '||' for a logical or")]
    [InlineData("1 + 2", 2, "unexpected character '+'", "arithmetic is not supported; use format() or join() to build strings")]
    [InlineData("a # b", 2, "unexpected character '#'", null)]
    public void Bad_characters_are_reported_with_offset_and_hint(string text, int offset, string message, string? hint)
    {
        var errors = new List<ExpressionError>();
        Lex(text, errors);

        errors.ShouldHaveSingleItem().ShouldBe(new ExpressionError(offset, 1, message, hint));
    }

    [Fact]
    public void Every_bad_character_is_reported()
    {
        var errors = new List<ExpressionError>();
        Lex("a = b + c", errors);

        errors.Select(e => e.Offset).ShouldBe([2, 6]);
    }

    [Fact]
    public void Unknown_escape_in_double_quoted_string_is_an_error_at_the_backslash()
    {
        var errors = new List<ExpressionError>();
        Lex("'ok' \"a\\qb\"", errors);

        var error = errors.ShouldHaveSingleItem();
        error.Offset.ShouldBe(7);
        error.Length.ShouldBe(2);
        error.Message.ShouldBe("unknown escape sequence '\\q'");
    }

    [Fact]
    public void Integer_literal_that_does_not_fit_a_long_is_an_error()
    {
        var errors = new List<ExpressionError>();
        Lex("x == 99999999999999999999", errors);

        var error = errors.ShouldHaveSingleItem();
        error.Offset.ShouldBe(5);
        error.Length.ShouldBe(20);
        error.Message.ShouldBe("integer literal is too large");
    }
}
