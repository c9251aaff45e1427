using System.Globalization;
using System.Numerics;
using System.Text.RegularExpressions;
using RunbookEngine.Diagnostics;

namespace RunbookEngine.Syntax;

public sealed partial class YamlScalar : YamlNode
{
    internal YamlScalar(SourceSpan span, string path, string value, ScalarStyle style, string? tag, int? contentColumnOffset)
        : base(span, path)
    {
        Value = value;
        Style = style;
        Tag = tag;
        ContentColumnOffset = contentColumnOffset;
    }

    public string Value { get; }

    /// <summary>Stands in for an alias to no anchor (RB0007, already reported): checks of its type skip it.</summary>
    internal bool Unresolved { get; init; }

    public ScalarStyle Style { get; }

    public string? Tag { get; }

    /// <summary>Plain scalars are typed by YAML's core schema; quoted and block scalars are always strings.</summary>
    public bool IsPlain => Style == ScalarStyle.Plain && Tag is null;

    public bool IsNull => IsPlain && Value is "" or "~" or "null" or "Null" or "NULL";

    public override string KindName => CoreValue switch
    {
        null => "null",
        bool => "a boolean",
        long => "an integer",
        double => "a number",
        _ => "a string",
    };

    /// <summary>The value typed by YAML 1.2's core schema: null, bool, long, double or string.</summary>
    public object? CoreValue => IsPlain ? Resolve(Value) : Value;

    /// <summary>
    /// Column offset from <see cref="YamlNode.Span"/> to the first character of <see cref="Value"/>, or null
    /// when characters of the value do not map one-to-one onto source columns (escapes, folding, block scalars).
    /// </summary>
    public int? ContentColumnOffset { get; }

    /// <summary>Span of a part of the value, as precise as the scalar's style allows.</summary>
    public SourceSpan SpanOf(int offset, int length) =>
        ContentColumnOffset is { } start ? Span.Sub(start + offset, length) : Span;

    private static object? Resolve(string text)
    {
        switch (text)
        {
            case "" or "~" or "null" or "Null" or "NULL":
                return null;
            case "true" or "True" or "TRUE":
                return true;
            case "false" or "False" or "FALSE":
                return false;
            case ".inf" or ".Inf" or ".INF" or "+.inf" or "+.Inf" or "+.INF":
                return double.PositiveInfinity;
            case "-.inf" or "-.Inf" or "-.INF":
                return double.NegativeInfinity;
            case ".nan" or ".NaN" or ".NAN":
                return double.NaN;
        }

        if (IntPattern().IsMatch(text) && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var i))
        {
            return i;
        }

        if (HexPattern().IsMatch(text))
        {
            // A leading 0 keeps the digits from being read as a negative two's complement number.
            return Integer(BigInteger.Parse("0" + text[2..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture));
        }

        if (OctalPattern().IsMatch(text))
        {
            var octal = BigInteger.Zero;
            foreach (var digit in text.AsSpan(2))
            {
                octal = (octal * 8) + (digit - '0');
            }

            return Integer(octal);
        }

        if (FloatPattern().IsMatch(text) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d))
        {
            return d;
        }

        return text;
    }

    /// <summary>Like a decimal integer beyond 64 bits, a hex or octal one that does not fit a long is read as a number.</summary>
    private static object Integer(BigInteger value) => value <= long.MaxValue ? (object)(long)value : (double)value;

    [GeneratedRegex("^0x[0-9a-fA-F]+$")]
    private static partial Regex HexPattern();

    [GeneratedRegex("^[-+]?[0-9]+$")]
    private static partial Regex IntPattern();

    [GeneratedRegex("^0o[0-7]+$")]
    private static partial Regex OctalPattern();

    // YAML 1.2 core schema float: [-+]? ( \. [0-9]+ | [0-9]+ ( \. [0-9]* )? ) ( [eE] [-+]? [0-9]+ )?
    [GeneratedRegex("^[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?$")]
    private static partial Regex FloatPattern();
}
