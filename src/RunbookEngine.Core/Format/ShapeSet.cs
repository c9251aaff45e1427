namespace RunbookEngine.Format;

/// <summary>A root shape with the named definitions its <see cref="RefShape"/>s point at.</summary>
public sealed class ShapeSet(Shape root, IReadOnlyDictionary<string, Shape> definitions)
{
    public Shape Root { get; } = root;

    public IReadOnlyDictionary<string, Shape> Definitions { get; } = definitions;

    public Shape Resolve(Shape shape)
    {
        var seen = 0;
        while (shape is RefShape r)
        {
            shape = Definitions[r.Name];
            if (++seen > 32)
            {
                throw new InvalidOperationException($"shape '{r.Name}' refers only to itself");
            }
        }

        return shape;
    }
}
