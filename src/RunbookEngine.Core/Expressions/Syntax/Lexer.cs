using System.Globalization;
using System.Text;

namespace RunbookEngine.Expressions.Syntax;

/// <summary>
/// Splits the text between <c>start</c> and <c>end</c> of a larger source into tokens. Offsets stay relative to
/// the whole source so that errors point at the right column of the YAML scalar.
/// </summary>
internal sealed class Lexer
{
    private readonly string _source;
    private readonly int _end;
    private readonly List<ExpressionError> _errors;
    private int _pos;

    public Lexer(string source, int start, int end, List<ExpressionError> errors)
    {
        _source = source;
        _pos = start;
        _end = end;
        _errors = errors;
    }

    public static bool IsIdentifierStart(char c) => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or '_';

    public static bool IsIdentifierPart(char c) => IsIdentifierStart(c) || char.IsAsciiDigit(c) || c == '-';

    /// <summary>Tokens ending with an <see cref="TokenKind.End"/> token. Bad characters are reported and skipped.</summary>
    public List<Token> Tokenize()
    {
        var tokens = new List<Token>();
        while (true)
        {
            SkipWhitespace();
            if (_pos >= _end)
            {
                tokens.Add(new Token(TokenKind.End, _end, 0, string.Empty));
                return tokens;
            }

            var token = Next();
            if (token is { } t)
            {
                tokens.Add(t);
            }
        }
    }

    private void SkipWhitespace()
    {
        while (_pos < _end && char.IsWhiteSpace(_source[_pos]))
        {
            _pos++;
        }
    }

    private char Peek(int ahead = 0) => _pos + ahead < _end ? _source[_pos + ahead] : '\0';

    private Token? Next()
    {
        var c = _source[_pos];
        if (IsIdentifierStart(c))
        {
            return Identifier();
        }

        if (char.IsAsciiDigit(c))
        {
            return Number();
        }

        switch (c)
        {
            case '\'':
                return SingleQuoted();
            case '"':
                return DoubleQuoted();
            case '.':
                return Simple(TokenKind.Dot, 1);
            case ',':
                return Simple(TokenKind.Comma, 1);
            case '(':
                return Simple(TokenKind.OpenParen, 1);
            case ')':
                return Simple(TokenKind.CloseParen, 1);
            case '[':
                return Simple(TokenKind.OpenBracket, 1);
            case ']':
                return Simple(TokenKind.CloseBracket, 1);
            case '-':
                return Simple(TokenKind.Minus, 1);
            case '!':
                return Peek(1) == '=' ? Simple(TokenKind.NotEqual, 2) : Simple(TokenKind.Not, 1);
            case '<':
                return Peek(1) == '=' ? Simple(TokenKind.LessEqual, 2) : Simple(TokenKind.Less, 1);
            case '>':
                return Peek(1) == '=' ? Simple(TokenKind.GreaterEqual, 2) : Simple(TokenKind.Greater, 1);
            case '=' when Peek(1) == '=':
                return Simple(TokenKind.EqualEqual, 2);
            case '&' when Peek(1) == '&':
                return Simple(TokenKind.AndAnd, 2);
            case '|' when Peek(1) == '|':
                return Simple(TokenKind.OrOr, 2);
            case '$' when Peek(1) == '{' && Peek(2) == '{':
                _errors.Add(new ExpressionError(_pos, 3, "'${{' cannot appear inside an expression", "the previous '${{' is missing its closing '}}'"));
                _pos += 3;
                return null;
            default:
                Unexpected(c);
                return null;
        }
    }

    private void Unexpected(char c)
    {
        var hint = c switch
        {
            '=' => "use '==' to compare values",
            '&' => "use '&&' for a logical and",
            '|' => "use '||' for a logical or",
            '+' or '*' or '/' or '%' => "arithmetic is not supported; use format() or join() to build strings",
            '{' or '}' => "expressions end with '}}'; use format() for placeholders",
            _ => null,
        };
        var display = char.IsControl(c) ? $"\\u{(int)c:x4}" : c.ToString();
        _errors.Add(new ExpressionError(_pos, 1, $"unexpected character '{display}'", hint));
        _pos++;
    }

    private Token Simple(TokenKind kind, int length)
    {
        var token = new Token(kind, _pos, length, _source.Substring(_pos, length));
        _pos += length;
        return token;
    }

    private Token Identifier()
    {
        var start = _pos;
        while (_pos < _end && IsIdentifierPart(_source[_pos]))
        {
            _pos++;
        }

        return new Token(TokenKind.Identifier, start, _pos - start, _source[start.._pos]);
    }

    private Token? Number()
    {
        var start = _pos;
        while (_pos < _end && char.IsAsciiDigit(_source[_pos]))
        {
            _pos++;
        }

        var isDecimal = false;
        // A dot that is not followed by a digit is member access (e.g. "1.x"), which the evaluator rejects clearly.
        if (Peek() == '.' && char.IsAsciiDigit(Peek(1)))
        {
            isDecimal = true;
            _pos++;
            while (_pos < _end && char.IsAsciiDigit(_source[_pos]))
            {
                _pos++;
            }
        }

        var text = _source[start.._pos];
        if (isDecimal)
        {
            return new Token(TokenKind.Decimal, start, text.Length, text, double.Parse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture));
        }

        if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            _errors.Add(new ExpressionError(start, text.Length, "integer literal is too large", $"integers must be between {long.MinValue + 1} and {long.MaxValue}"));
            return null;
        }

        return new Token(TokenKind.Integer, start, text.Length, text, value);
    }

    private Token? SingleQuoted()
    {
        var start = _pos;
        var builder = new StringBuilder();
        _pos++;
        while (_pos < _end)
        {
            var c = _source[_pos];
            if (c == '\'')
            {
                if (Peek(1) == '\'')
                {
                    builder.Append('\'');
                    _pos += 2;
                    continue;
                }

                _pos++;
                return new Token(TokenKind.String, start, _pos - start, _source[start.._pos], builder.ToString());
            }

            builder.Append(c);
            _pos++;
        }

        return Unterminated(start, "'", "close it with ' (write '' for a quote inside the string)");
    }

    private Token? DoubleQuoted()
    {
        var start = _pos;
        var builder = new StringBuilder();
        var valid = true;
        _pos++;
        while (_pos < _end)
        {
            var c = _source[_pos];
            if (c == '"')
            {
                _pos++;
                return valid ? new Token(TokenKind.String, start, _pos - start, _source[start.._pos], builder.ToString()) : null;
            }

            if (c == '\\' && _pos + 1 < _end)
            {
                var escaped = _source[_pos + 1];
                char? decoded = escaped switch
                {
                    '"' => '"',
                    '\\' => '\\',
                    'n' => '\n',
                    't' => '\t',
                    _ => null,
                };
                if (decoded is { } d)
                {
                    builder.Append(d);
                }
                else
                {
                    valid = false;
                    _errors.Add(new ExpressionError(_pos, 2, $"unknown escape sequence '\\{escaped}'", "valid escapes are \\\" \\\\ \\n \\t; single-quoted strings take backslashes literally"));
                }

                _pos += 2;
                continue;
            }

            builder.Append(c);
            _pos++;
        }

        return Unterminated(start, "\"", "close it with \"");
    }

    private Token? Unterminated(int start, string quote, string hint)
    {
        _errors.Add(new ExpressionError(start, _end - start, $"unterminated string literal starting with {quote}", hint));
        return null;
    }
}
