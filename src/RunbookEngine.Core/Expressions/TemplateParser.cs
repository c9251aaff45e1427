using System.Text;
using RunbookEngine.Expressions.Functions;
using RunbookEngine.Expressions.Syntax;

namespace RunbookEngine.Expressions;

/// <summary>Splits a YAML scalar into literal text and <c>${{ }}</c> expressions, collecting every error.</summary>
internal static class TemplateParser
{
    private const string Open = "${{";
    private const string EscapedOpen = "$${{";
    private const string Close = "}}";

    public static TemplateParseResult Parse(string text, FunctionRegistry functions)
    {
        var errors = new List<ExpressionError>();
        var parts = new List<TemplatePart>();
        var literal = new StringBuilder();
        var i = 0;
        while (i < text.Length)
        {
            if (string.CompareOrdinal(text, i, EscapedOpen, 0, EscapedOpen.Length) == 0)
            {
                literal.Append(Open);
                i += EscapedOpen.Length;
                continue;
            }

            if (string.CompareOrdinal(text, i, Open, 0, Open.Length) != 0)
            {
                literal.Append(text[i]);
                i++;
                continue;
            }

            if (literal.Length > 0)
            {
                parts.Add(TemplatePart.Literal(literal.ToString()));
                literal.Clear();
            }

            var bodyStart = i + Open.Length;
            var close = FindClose(text, bodyStart);
            if (close < 0)
            {
                // Everything after an unterminated opener belongs to it, so there is nothing more to parse.
                errors.Add(new ExpressionError(i, Open.Length, "unterminated '${{': no matching '}}'", "close the expression with '}}', or write '$${{' for a literal '${{'"));
                break;
            }

            var length = close + Close.Length - i;
            if (string.IsNullOrWhiteSpace(text[bodyStart..close]))
            {
                errors.Add(new ExpressionError(i, length, "empty expression", "write an expression between '${{' and '}}', or '$${{' for a literal '${{'"));
            }
            else if (Parser.Parse(text, bodyStart, close, functions, errors) is { } expression)
            {
                parts.Add(TemplatePart.Embedded(new TemplateExpression(expression, i, length)));
            }

            i = close + Close.Length;
        }

        if (literal.Length > 0)
        {
            parts.Add(TemplatePart.Literal(literal.ToString()));
        }

        return new TemplateParseResult(errors.Count == 0 ? new Template(text, parts) : null, errors);
    }

    /// <summary>
    /// Position of the <c>}}</c> ending the expression that starts at <paramref name="from"/>, skipping string
    /// literals so that <c>format('{{0}}')</c> works. If a string is left open the quote is probably the mistake, so
    /// the first raw <c>}}</c> is used and the lexer then reports the unterminated string precisely.
    /// </summary>
    private static int FindClose(string text, int from)
    {
        var i = from;
        while (i < text.Length)
        {
            var c = text[i];
            if (c is '\'' or '"')
            {
                var end = SkipString(text, i);
                if (end < 0)
                {
                    return text.IndexOf(Close, from, StringComparison.Ordinal);
                }

                i = end;
                continue;
            }

            if (c == '}' && i + 1 < text.Length && text[i + 1] == '}')
            {
                return i;
            }

            i++;
        }

        return -1;
    }

    /// <summary>Index just after the closing quote, or -1 when the string never closes. Mirrors the lexer's rules.</summary>
    private static int SkipString(string text, int start)
    {
        var quote = text[start];
        var i = start + 1;
        while (i < text.Length)
        {
            var c = text[i];
            if (quote == '"' && c == '\\')
            {
                i += 2;
                continue;
            }

            if (c == quote)
            {
                if (quote == '\'' && i + 1 < text.Length && text[i + 1] == '\'')
                {
                    i += 2;
                    continue;
                }

                return i + 1;
            }

            i++;
        }

        return -1;
    }
}
