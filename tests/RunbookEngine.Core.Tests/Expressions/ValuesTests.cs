using System.Text.Json;
using RunbookEngine.Expressions;
using RunbookEngine.Expressions.Evaluation;
using static RunbookEngine.Core.Tests.Expressions.ExpressionTestHelper;

namespace RunbookEngine.Core.Tests.Expressions;

public class ValuesTests
{
    public enum Color
    {
        Red,
    }

    [Fact]
    public void Normalizes_caller_types_to_the_canonical_model()
    {
        Values.Normalize(5).ShouldBe(5L);
        Values.Normalize((short)5).ShouldBe(5L);
        Values.Normalize(5u).ShouldBe(5L);
        Values.Normalize(ulong.MaxValue).ShouldBe((double)ulong.MaxValue);
        Values.Normalize(1.5m).ShouldBe(1.5);
        Values.Normalize(1.5f).ShouldBe(1.5);
        Values.Normalize('c').ShouldBe("c");
        Values.Normalize(Color.Red).ShouldBe("Red");
        Values.Normalize(new[] { 1, 2 }).ShouldBe(List(1, 2));
        Values.Normalize(new Dictionary<string, int> { ["a"] = 1 }).ShouldBeAssignableTo<IReadOnlyDictionary<string, object?>>()!["a"].ShouldBe(1);
    }

    [Fact]
    public void Canonical_values_are_returned_as_is()
    {
        var list = new List<object?> { 1L };
        var map = new Dictionary<string, object?> { ["a"] = "b" };

        Values.Normalize(list).ShouldBeSameAs(list);
        Values.Normalize(map).ShouldBeSameAs(map);
        Values.NormalizeDeep(list).ShouldBeSameAs(list);
        Values.NormalizeDeep(map).ShouldBeSameAs(map);
    }

    [Fact]
    public void Deep_normalization_copies_only_when_needed()
    {
        var inner = new List<int> { 1, 2 };
        var map = new Dictionary<string, object?> { ["keep"] = "x", ["convert"] = inner, ["after"] = 3 };

        var normalized = Values.NormalizeDeep(map).ShouldBeAssignableTo<IReadOnlyDictionary<string, object?>>()!;

        normalized.ShouldNotBeSameAs(map);
        normalized.Keys.ShouldBe(["keep", "convert", "after"]);
        normalized["convert"].ShouldBe(List(1L, 2L));
        normalized["after"].ShouldBe(3L);
    }

    [Fact]
    public void Json_elements_are_converted()
    {
        using var document = JsonDocument.Parse("{\"n\": 1, \"d\": 0.5, \"l\": [true, null]}");

        var value = Values.NormalizeDeep(document.RootElement).ShouldBeAssignableTo<IReadOnlyDictionary<string, object?>>()!;

        value["n"].ShouldBe(1L);
        value["d"].ShouldBe(0.5);
        value["l"].ShouldBe(List(true, null));
    }

    [Theory]
    [InlineData(null, ValueKind.Null)]
    [InlineData(true, ValueKind.Bool)]
    [InlineData(1, ValueKind.Int)]
    [InlineData(1.5, ValueKind.Number)]
    [InlineData("s", ValueKind.String)]
    public void Kind_of_scalars(object? value, ValueKind expected)
    {
        Values.KindOf(value).ShouldBe(expected);
    }

    [Fact]
    public void Kind_of_composites_and_secrets()
    {
        Values.KindOf(new SecretValue("x")).ShouldBe(ValueKind.Secret);
        Values.KindOf(new[] { "a" }).ShouldBe(ValueKind.List);
        Values.KindOf(new Dictionary<string, object?>()).ShouldBe(ValueKind.Map);
    }

    [Fact]
    public void Evaluation_accepts_caller_shapes_in_roots()
    {
        var context = new ExpressionContext(new Dictionary<string, object?>
        {
            ["params"] = new Dictionary<string, object> { ["n"] = 2, ["xs"] = new[] { 1.25m } },
        });

        var template = ParseTemplate("${{ params.n }} ${{ params.xs[0] }} ${{ params.xs }}");

        template.Evaluate(context).ShouldBe("2 1.25 [1.25]");
    }
}
