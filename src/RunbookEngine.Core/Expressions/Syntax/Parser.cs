using RunbookEngine.Expressions.Functions;

namespace RunbookEngine.Expressions.Syntax;

/// <summary>
/// Recursive descent over the tokens of one expression. A syntax error ends the expression (later errors would
/// mostly be noise); unknown functions and wrong arity are recorded and parsing continues so that all of them
/// are reported at once.
/// </summary>
internal sealed class Parser
{
    // Deep enough for any hand-written condition, shallow enough that hostile input cannot overflow the stack.
    private const int MaxDepth = 64;

    private const string OperatorsHint = "operators are || && == != < <= > >= and !; combine values with format() or join()";

    private readonly List<Token> _tokens;
    private readonly FunctionRegistry _functions;
    private readonly List<ExpressionError> _errors;
    private int _position;
    private int _depth;

    private Parser(List<Token> tokens, FunctionRegistry functions, List<ExpressionError> errors)
    {
        _tokens = tokens;
        _functions = functions;
        _errors = errors;
    }

    /// <summary>
    /// Parses <c>source[start..end]</c>. Returns null when any error (lexical, syntactic or semantic) was added
    /// to <paramref name="errors"/>.
    /// </summary>
    public static Expr? Parse(string source, int start, int end, FunctionRegistry functions, List<ExpressionError> errors)
    {
        var errorsBefore = errors.Count;
        var tokens = new Lexer(source, start, end, errors).Tokenize();
        if (errors.Count > errorsBefore)
        {
            return null;
        }

        var parser = new Parser(tokens, functions, errors);
        try
        {
            var expression = parser.ParseExpression();
            var trailing = parser.Current;
            if (trailing.Kind != TokenKind.End)
            {
                var message = trailing.Kind == TokenKind.CloseParen || trailing.Kind == TokenKind.CloseBracket
                    ? $"unmatched {trailing.Describe()}"
                    : $"unexpected {trailing.Describe()} after the end of the expression";
                errors.Add(new ExpressionError(trailing.Offset, trailing.Length, message, OperatorsHint));
            }

            return errors.Count > errorsBefore ? null : expression;
        }
        catch (SyntaxErrorException)
        {
            return null;
        }
    }

    private Token Current => _tokens[_position];

    private Token Advance()
    {
        var token = _tokens[_position];
        if (_position < _tokens.Count - 1)
        {
            _position++;
        }

        return token;
    }

    private Token Expect(TokenKind kind, string what)
    {
        if (Current.Kind != kind)
        {
            throw Fail(Current, $"expected {what} but found {Current.Describe()}");
        }

        return Advance();
    }

    private SyntaxErrorException Fail(Token at, string message, string? hint = null)
    {
        _errors.Add(new ExpressionError(at.Offset, Math.Max(at.Length, 0), message, hint));
        return new SyntaxErrorException();
    }

    private Expr ParseExpression()
    {
        if (++_depth > MaxDepth)
        {
            throw Fail(Current, $"expression is nested more than {MaxDepth} levels deep");
        }

        var result = ParseOr();
        _depth--;
        return result;
    }

    private Expr ParseOr() => ParseLeftAssociative(ParseAnd, TokenKind.OrOr);

    private Expr ParseAnd() => ParseLeftAssociative(ParseEquality, TokenKind.AndAnd);

    private Expr ParseEquality() => ParseLeftAssociative(ParseRelational, TokenKind.EqualEqual, TokenKind.NotEqual);

    private Expr ParseRelational() =>
        ParseLeftAssociative(ParseUnary, TokenKind.Less, TokenKind.LessEqual, TokenKind.Greater, TokenKind.GreaterEqual);

    private Expr ParseLeftAssociative(Func<Expr> operand, params TokenKind[] operators)
    {
        var left = operand();
        while (Array.IndexOf(operators, Current.Kind) >= 0)
        {
            var op = Advance();
            var right = operand();
            left = new BinaryExpr(ToBinary(op.Kind), left, right, op.Offset);
        }

        return left;
    }

    private static BinaryOperator ToBinary(TokenKind kind) => kind switch
    {
        TokenKind.OrOr => BinaryOperator.Or,
        TokenKind.AndAnd => BinaryOperator.And,
        TokenKind.EqualEqual => BinaryOperator.Equal,
        TokenKind.NotEqual => BinaryOperator.NotEqual,
        TokenKind.Less => BinaryOperator.Less,
        TokenKind.LessEqual => BinaryOperator.LessEqual,
        TokenKind.Greater => BinaryOperator.Greater,
        TokenKind.GreaterEqual => BinaryOperator.GreaterEqual,
        _ => throw new InvalidOperationException($"{kind} is not a binary operator"),
    };

    private Expr ParseUnary()
    {
        if (Current.Kind is TokenKind.Not or TokenKind.Minus)
        {
            if (++_depth > MaxDepth)
            {
                throw Fail(Current, $"expression is nested more than {MaxDepth} levels deep");
            }

            var op = Advance();
            var operand = ParseUnary();
            _depth--;
            return new UnaryExpr(op.Kind == TokenKind.Not ? UnaryOperator.Not : UnaryOperator.Negate, operand, op.Offset);
        }

        return ParsePostfix();
    }

    private Expr ParsePostfix()
    {
        var expression = ParsePrimary();
        while (true)
        {
            if (Current.Kind == TokenKind.Dot)
            {
                Advance();
                if (Current.Kind != TokenKind.Identifier)
                {
                    throw Fail(Current, $"expected a property name after '.' but found {Current.Describe()}", "use ['name'] for keys that are not identifiers, [0] for list indexes");
                }

                var name = Advance();
                expression = new MemberExpr(expression, name.Text, name.Offset, name.End);
            }
            else if (Current.Kind == TokenKind.OpenBracket)
            {
                Advance();
                if (Current.Kind == TokenKind.CloseBracket)
                {
                    throw Fail(Current, "expected an index expression inside '[ ]'");
                }

                var index = ParseExpression();
                var close = Expect(TokenKind.CloseBracket, "']'");
                expression = new IndexExpr(expression, index, close.End);
            }
            else if (Current.Kind == TokenKind.OpenParen)
            {
                throw Fail(Current, "only functions can be called", "function names stand alone, e.g. length(steps.x.outputs.items)");
            }
            else
            {
                return expression;
            }
        }
    }

    private Expr ParsePrimary()
    {
        var token = Current;
        switch (token.Kind)
        {
            case TokenKind.Integer:
            case TokenKind.Decimal:
            case TokenKind.String:
                Advance();
                return new LiteralExpr(token.Value, token.Offset, token.Length);
            case TokenKind.Identifier:
                Advance();
                switch (token.Text)
                {
                    case "null":
                        return new LiteralExpr(null, token.Offset, token.Length);
                    case "true":
                        return new LiteralExpr(true, token.Offset, token.Length);
                    case "false":
                        return new LiteralExpr(false, token.Offset, token.Length);
                }

                return Current.Kind == TokenKind.OpenParen ? ParseCall(token) : new NameExpr(token.Text, token.Offset, token.Length);
            case TokenKind.OpenParen:
                Advance();
                var inner = ParseExpression();
                Expect(TokenKind.CloseParen, "')'");
                return inner;
            case TokenKind.End:
                throw Fail(token, "unexpected end of expression, expected a value");
            default:
                throw Fail(token, $"expected a value but found {token.Describe()}");
        }
    }

    private Expr ParseCall(Token name)
    {
        Advance();
        var arguments = new List<Expr>();
        if (Current.Kind != TokenKind.CloseParen)
        {
            while (true)
            {
                arguments.Add(ParseExpression());
                if (Current.Kind == TokenKind.Comma)
                {
                    Advance();
                    continue;
                }

                if (Current.Kind != TokenKind.CloseParen)
                {
                    throw Fail(Current, $"expected ',' or ')' in the arguments of {name.Text}() but found {Current.Describe()}");
                }

                break;
            }
        }

        var close = Advance();
        if (!_functions.TryGet(name.Text, out var function))
        {
            _errors.Add(new ExpressionError(name.Offset, name.Length, $"unknown function '{name.Text}'", NameSuggestions.Hint(name.Text, _functions.Names, "functions")));
            return new LiteralExpr(null, name.Offset, close.End - name.Offset);
        }

        if (!function.AcceptsArity(arguments.Count))
        {
            _errors.Add(new ExpressionError(
                name.Offset,
                name.Length,
                $"function '{function.Name}' takes {function.DescribeArity()} but was given {arguments.Count}",
                $"usage: {function.Signature}"));
        }

        return new CallExpr(function, arguments, name.Offset, name.Length, close.End);
    }

    private sealed class SyntaxErrorException : Exception
    {
    }
}
