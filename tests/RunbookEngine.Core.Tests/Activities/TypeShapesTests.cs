using System.ComponentModel;
using RunbookEngine.Activities;
using RunbookEngine.Format;

namespace RunbookEngine.Core.Tests.Activities;

public sealed class TypeShapesTests
{
    internal enum Colour
    {
        DarkRed,
        Blue,
    }

    internal sealed record Nested
    {
        public required string Host { get; init; }

        public int Port { get; init; }
    }

    internal sealed record Sample
    {
        [Description("The address.")]
        public required string Address { get; init; }

        public int Count { get; init; }

        public long? Big { get; init; }

        public short Small { get; init; }

        public double Ratio { get; init; }

        public decimal Money { get; init; }

        public bool Enabled { get; init; }

        public TimeSpan Wait { get; init; }

        public TimeSpan? MaybeWait { get; init; }

        public Colour Colour { get; init; }

        public IReadOnlyList<string> Names { get; init; } = [];

        public int[] Numbers { get; init; } = [];

        public List<Nested> Targets { get; init; } = [];

        public IReadOnlyDictionary<string, string>? Environment { get; init; }

        public Dictionary<string, int> Counts { get; init; } = [];

        public IDictionary<string, bool>? Flags { get; init; }

        public Nested? Primary { get; init; }

        public object? Anything { get; init; }

        public string this[int i] => string.Empty;

        public string Computed => Address;

        private string Hidden { get; init; } = string.Empty;

        public static string Static { get; set; } = string.Empty;

        public string HiddenValue() => Hidden;
    }

    private static IReadOnlyList<ActivityField> Fields => TypeShapes.Fields(typeof(Sample));

    private static ActivityField Field(string name) => Fields.Single(f => f.Name == name);

    [Fact]
    public void Public_instance_properties_become_camel_case_fields_in_declaration_order()
    {
        Fields.Select(f => f.Name).ShouldBe(
        [
            "address", "count", "big", "small", "ratio", "money", "enabled", "wait", "maybeWait", "colour", "names", "numbers", "targets",
            "environment", "counts", "flags", "primary", "anything", "computed",
        ]);
    }

    [Fact]
    public void Only_csharp_required_members_are_required()
    {
        Fields.Where(f => f.Required).Select(f => f.Name).ShouldBe(["address"]);
    }

    [Fact]
    public void Description_attribute_describes_the_field_and_its_shape()
    {
        Field("address").Description.ShouldBe("The address.");
        Field("address").Shape.Description.ShouldBe("The address.");
        Field("count").Description.ShouldBeNull();
    }

    [Theory]
    [InlineData("address", ScalarKind.String)]
    [InlineData("count", ScalarKind.Int)]
    [InlineData("big", ScalarKind.Int)]
    [InlineData("small", ScalarKind.Int)]
    [InlineData("ratio", ScalarKind.Number)]
    [InlineData("money", ScalarKind.Number)]
    [InlineData("enabled", ScalarKind.Bool)]
    public void Scalars_map_to_scalar_kinds(string name, ScalarKind kind)
    {
        var shape = Field(name).Shape.ShouldBeOfType<ScalarShape>();

        shape.Kind.ShouldBe(kind);
        shape.Pattern.ShouldBeNull();
        shape.Values.ShouldBeNull();
    }

    [Theory]
    [InlineData("wait")]
    [InlineData("maybeWait")]
    public void TimeSpan_is_a_duration_string(string name)
    {
        var shape = Field(name).Shape.ShouldBeOfType<ScalarShape>();

        shape.Kind.ShouldBe(ScalarKind.String);
        shape.Pattern.ShouldBe(Durations.Pattern);
    }

    [Fact]
    public void Enums_are_camel_case_names()
    {
        Field("colour").Shape.ShouldBeOfType<ScalarShape>().Values.ShouldBe(["darkRed", "blue"]);
    }

    [Fact]
    public void Lists_and_arrays_are_list_shapes_of_their_items()
    {
        Field("names").Shape.ShouldBeOfType<ListShape>().Items.ShouldBeOfType<ScalarShape>().Kind.ShouldBe(ScalarKind.String);
        Field("numbers").Shape.ShouldBeOfType<ListShape>().Items.ShouldBeOfType<ScalarShape>().Kind.ShouldBe(ScalarKind.Int);
        var target = Field("targets").Shape.ShouldBeOfType<ListShape>().Items.ShouldBeOfType<ObjectShape>();
        target.Fields.Select(f => (f.Name, f.Required)).ShouldBe([("host", true), ("port", false)]);
    }

    [Theory]
    [InlineData("environment", ScalarKind.String)]
    [InlineData("counts", ScalarKind.Int)]
    [InlineData("flags", ScalarKind.Bool)]
    public void String_keyed_dictionaries_are_maps(string name, ScalarKind values)
    {
        Field(name).Shape.ShouldBeOfType<MapShape>().Values.ShouldBeOfType<ScalarShape>().Kind.ShouldBe(values);
    }

    [Fact]
    public void Nested_records_are_objects_and_object_is_anything()
    {
        Field("primary").Shape.ShouldBeOfType<ObjectShape>().Find("host").ShouldNotBeNull().Required.ShouldBeTrue();
        Field("anything").Shape.ShouldBeOfType<AnyShape>();
    }

    internal sealed record Recursive
    {
        public Recursive? Next { get; init; }
    }

    [Fact]
    public void Self_referencing_types_stop_at_a_depth_limit()
    {
        var shape = TypeShapes.ShapeOf(typeof(Recursive));

        var depth = 0;
        while (shape is ObjectShape o)
        {
            shape = o.Fields.Single().Shape;
            depth++;
        }

        shape.ShouldBeOfType<AnyShape>();
        depth.ShouldBeInRange(1, 10);
    }

    [Theory]
    [InlineData("Address", "address")]
    [InlineData("address", "address")]
    [InlineData("IPAddress", "iPAddress")]
    [InlineData("X", "x")]
    [InlineData("", "")]
    public void CamelCase_lowers_the_first_letter(string name, string expected) => TypeShapes.CamelCase(name).ShouldBe(expected);

    [Fact]
    public void Descriptor_is_derived_from_the_input_and_output_records()
    {
        var descriptor = new Support.TestActivities.Echo().Descriptor;

        descriptor.Name.ShouldBe("test.echo");
        descriptor.Inputs.Select(i => i.Name).ShouldBe(["message", "port", "wait", "mode", "tags", "loud"]);
        descriptor.Outputs.Select(o => o.Name).ShouldBe(["text", "count", "ok"]);
        descriptor.FindOutput("count").ShouldNotBeNull().Shape.ShouldBeOfType<ScalarShape>().Kind.ShouldBe(ScalarKind.Int);
        descriptor.InputShape.Description.ShouldBe("Echoes a message.");
        descriptor.InputShape.Find("message").ShouldNotBeNull().Required.ShouldBeTrue();
        descriptor.InputShape.Find("message")!.Description.ShouldBe("The message.");
    }

    [Fact]
    public void Activities_without_outputs_have_none()
    {
        new Support.TestActivities.Noop().Descriptor.Outputs.ShouldBeEmpty();
        new Support.TestActivities.Noop().Descriptor.Inputs.ShouldBeEmpty();
    }
}
