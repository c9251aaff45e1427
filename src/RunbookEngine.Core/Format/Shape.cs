namespace RunbookEngine.Format;

/// <summary>
/// The structure of a YAML value, declared once and used twice: the loader checks documents against
/// it, and the JSON Schema generator emits it. Both therefore always agree.
/// </summary>
public abstract record Shape
{
    public string? Description { get; init; }

    /// <summary>How the shape reads in "expected ..." messages.</summary>
    public abstract string Expected { get; }
}

/// <summary>A mapping with a closed set of keys: any other key is an error.</summary>
public sealed record ObjectShape(IReadOnlyList<FieldShape> Fields) : Shape
{
    public override string Expected => "a mapping";

    public FieldShape? Find(string name) => Fields.FirstOrDefault(f => f.Name == name);
}

public sealed record FieldShape(string Name, Shape Shape, bool Required, string Description);

/// <summary>A mapping whose keys are names chosen by the author (parameters, outputs).</summary>
public sealed record MapShape(Shape Values) : Shape
{
    public string? KeyPattern { get; init; }

    public override string Expected => "a mapping";
}

public sealed record ListShape(Shape Items) : Shape
{
    public int MinItems { get; init; }

    public override string Expected => "a list";
}

public enum ScalarKind
{
    String,
    Int,
    Number,
    Bool,

    /// <summary>Any scalar, including null.</summary>
    Any,
}

public sealed record ScalarShape(ScalarKind Kind) : Shape
{
    public IReadOnlyList<string>? Values { get; init; }

    public string? Pattern { get; init; }

    /// <summary>A string that may hold <c>${{ }}</c> expressions (documentation only; the loader parses it).</summary>
    public bool Template { get; init; }

    public override string Expected => Values is { Count: > 0 }
        ? "one of " + string.Join(", ", Values.Select(v => $"'{v}'"))
        : Kind switch
        {
            ScalarKind.Int => "an integer",
            ScalarKind.Number => "a number",
            ScalarKind.Bool => "true or false",
            ScalarKind.Any => "a scalar",
            _ => "a string",
        };
}

/// <summary>One of several shapes, chosen by the node's kind (scalar, mapping or list).</summary>
public sealed record UnionShape(IReadOnlyList<Shape> Options) : Shape
{
    public override string Expected => string.Join(" or ", Options.Select(o => o.Expected).Distinct());
}

/// <summary>Any YAML value at all.</summary>
public sealed record AnyShape : Shape
{
    public override string Expected => "any value";
}

/// <summary>A named shape from <see cref="ShapeSet"/>, so recursive structures (groups of steps) can be declared.</summary>
public sealed record RefShape(string Name) : Shape
{
    public override string Expected => Name;
}
