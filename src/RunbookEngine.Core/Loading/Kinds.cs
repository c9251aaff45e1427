using RunbookEngine.Expressions;
using RunbookEngine.Expressions.Analysis;
using RunbookEngine.Format;
using RunbookEngine.Model;

namespace RunbookEngine.Loading;

/// <summary>Maps declared types (parameters, activity fields) onto expression value kinds for static checks.</summary>
internal static class Kinds
{
    public static ValueKind Of(ParameterType type) => type.Kind switch
    {
        ParameterKind.String or ParameterKind.Path or ParameterKind.Duration => ValueKind.String,
        ParameterKind.Enum => type.AllowedValues?.All(v => v is string) == true ? ValueKind.String : ValueKind.Any,
        ParameterKind.Int => ValueKind.Int,
        ParameterKind.Bool => ValueKind.Bool,
        ParameterKind.List => ValueKind.List,
        ParameterKind.Object => ValueKind.Map,
        ParameterKind.Secret => ValueKind.Secret,
        _ => ValueKind.Any,
    };

    public static ValueKind Of(Shape shape) => shape switch
    {
        ScalarShape { Kind: ScalarKind.String } => ValueKind.String,
        ScalarShape { Kind: ScalarKind.Int } => ValueKind.Int,
        ScalarShape { Kind: ScalarKind.Number } => ValueKind.Number,
        ScalarShape { Kind: ScalarKind.Bool } => ValueKind.Bool,
        ListShape => ValueKind.List,
        ObjectShape or MapShape => ValueKind.Map,
        _ => ValueKind.Any,
    };

    /// <summary>Kind of a path into a typed value; Any as soon as the path leaves what the type declares.</summary>
    public static ValueKind Walk(ParameterType type, IReadOnlyList<PathSegment> segments, int start)
    {
        var current = type;
        for (var i = start; i < segments.Count; i++)
        {
            var next = segments[i].IsKey
                ? current.Kind == ParameterKind.Object ? current.Properties?.FirstOrDefault(p => p.Name == segments[i].Key)?.Type : null
                : current.Kind == ParameterKind.List ? current.Items ?? new ParameterType(ParameterKind.String) : null;
            if (next is null)
            {
                return ValueKind.Any;
            }

            current = next;
        }

        return Of(current);
    }

    /// <summary>Whether a value of kind <paramref name="actual"/> can be bound where <paramref name="expected"/> is declared.</summary>
    public static bool Compatible(ValueKind expected, ValueKind actual) => expected switch
    {
        _ when expected == ValueKind.Any || actual is ValueKind.Any or ValueKind.Null || expected == actual => true,
        // Scalars are rendered to text for string inputs; a secret stays a secret.
        ValueKind.String => actual is ValueKind.Int or ValueKind.Number or ValueKind.Bool or ValueKind.Secret,
        ValueKind.Number => actual == ValueKind.Int,
        _ => false,
    };
}
