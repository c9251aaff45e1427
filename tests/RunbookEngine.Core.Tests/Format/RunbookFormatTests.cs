using RunbookEngine.Format;

namespace RunbookEngine.Core.Tests.Format;

public sealed class RunbookFormatTests
{
    private static IEnumerable<(string Path, Shape Shape)> Walk(Shape shape, string path)
    {
        yield return (path, shape);
        IEnumerable<(string, Shape)> children = shape switch
        {
            ObjectShape o => o.Fields.Select(f => (path + "." + f.Name, f.Shape)),
            MapShape m => [(path + ".*", m.Values)],
            ListShape l => [(path + "[]", l.Items)],
            UnionShape u => u.Options.Select((o, i) => ($"{path}|{i}", o)),
            _ => [],
        };
        foreach (var (childPath, child) in children)
        {
            foreach (var inner in Walk(child, childPath))
            {
                yield return inner;
            }
        }
    }

    private static IEnumerable<(string Path, Shape Shape)> All() =>
        Walk(RunbookFormat.Shapes.Root, "$").Concat(RunbookFormat.Shapes.Definitions.SelectMany(d => Walk(d.Value, "#" + d.Key)));

    [Fact]
    public void Every_reference_names_a_definition()
    {
        foreach (var (path, shape) in All())
        {
            if (shape is RefShape r)
            {
                RunbookFormat.Shapes.Definitions.ContainsKey(r.Name).ShouldBeTrue(path);
            }
        }
    }

    [Fact]
    public void Every_field_is_described_for_the_schema_and_error_hints()
    {
        foreach (var (path, shape) in All())
        {
            if (shape is ObjectShape o)
            {
                foreach (var field in o.Fields)
                {
                    field.Description.ShouldNotBeNullOrWhiteSpace($"{path}.{field.Name}");
                }
            }
        }
    }

    [Fact]
    public void Root_requires_the_document_keys()
    {
        var root = RunbookFormat.Shapes.Root.ShouldBeOfType<ObjectShape>();

        root.Fields.Where(f => f.Required).Select(f => f.Name).ShouldBe(["apiVersion", "kind", "metadata", "steps"], ignoreOrder: true);
    }

    [Fact]
    public void Resolve_follows_references_and_refuses_a_self_loop()
    {
        RunbookFormat.Shapes.Resolve(new RefShape(RunbookFormat.StepDefinition)).ShouldBeOfType<ObjectShape>();

        var loop = new ShapeSet(new RefShape("a"), new Dictionary<string, Shape> { ["a"] = new RefShape("a") });
        Should.Throw<InvalidOperationException>(() => loop.Resolve(loop.Root));
    }

    [Theory]
    [InlineData(ScalarKind.Int, "an integer")]
    [InlineData(ScalarKind.Bool, "true or false")]
    [InlineData(ScalarKind.String, "a string")]
    [InlineData(ScalarKind.Number, "a number")]
    [InlineData(ScalarKind.Any, "a scalar")]
    public void Scalar_shapes_read_well_in_messages(ScalarKind kind, string expected) =>
        new ScalarShape(kind).Expected.ShouldBe(expected);

    [Fact]
    public void Enumerated_scalars_list_their_values_and_unions_join_distinct_options()
    {
        new ScalarShape(ScalarKind.String) { Values = ["fail", "continue"] }.Expected.ShouldBe("one of 'fail', 'continue'");
        new UnionShape([new ScalarShape(ScalarKind.String), new ScalarShape(ScalarKind.String), new ListShape(new AnyShape())]).Expected
            .ShouldBe("a string or a list");
    }
}
