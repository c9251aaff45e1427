using System.Globalization;
using RunbookEngine.Expressions.Syntax;

namespace RunbookEngine.Expressions.Analysis;

/// <summary>
/// One statically known step of a property path: a member name or string key (<see cref="Key"/>), or a list
/// index (<see cref="Index"/>). Offset and length cover the name or the bracketed index in the source text.
/// </summary>
internal sealed record PathSegment(string? Key, long? Index, int Offset, int Length)
{
    public bool IsKey => Key is not null;

    /// <summary>The key, or the index as invariant text; convenient for schema lookups keyed by strings.</summary>
    public string Text => Key ?? Index!.Value.ToString(CultureInfo.InvariantCulture);

    public override string ToString()
    {
        if (Key is null)
        {
            return $"[{Text}]";
        }

        var isIdentifier = Key.Length > 0 && Lexer.IsIdentifierStart(Key[0]) && Key.All(Lexer.IsIdentifierPart);
        return isIdentifier ? "." + Key : "['" + Key.Replace("'", "''", StringComparison.Ordinal) + "']";
    }
}
