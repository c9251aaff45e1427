using RunbookEngine.Expressions.Analysis;
using static RunbookEngine.Core.Tests.Expressions.ExpressionTestHelper;

namespace RunbookEngine.Core.Tests.Expressions;

public class PathReferenceTests
{
    private static IReadOnlyList<PathReference> Collect(string expression) => PathReferences.Collect(ParseExpr(expression));

    [Fact]
    public void Simple_member_path()
    {
        var reference = Collect("steps.latest.outputs.address").ShouldHaveSingleItem();

        reference.Root.ShouldBe("steps");
        reference.Path.ShouldBe(["steps", "latest", "outputs", "address"]);
        reference.IsTruncated.ShouldBeFalse();
        reference.Offset.ShouldBe(0);
        reference.Length.ShouldBe(28);
        reference.ToString().ShouldBe("steps.latest.outputs.address");
    }

    [Fact]
    public void Segments_carry_their_own_offsets()
    {
        var reference = Collect("  params.nodse").ShouldHaveSingleItem();

        reference.Offset.ShouldBe(2);
        reference.RootLength.ShouldBe(6);
        var segment = reference.Segments.ShouldHaveSingleItem();
        segment.Key.ShouldBe("nodse");
        segment.Offset.ShouldBe(9);
        segment.Length.ShouldBe(5);
    }

    [Fact]
    public void Hyphenated_names_literal_keys_and_indexes_are_static()
    {
        var reference = Collect("steps.find-latest.outputs['odd key'].nodes[0].name").ShouldHaveSingleItem();

        reference.Path.ShouldBe(["steps", "find-latest", "outputs", "odd key", "nodes", "0", "name"]);
        reference.Segments[2].IsKey.ShouldBeTrue();
        reference.Segments[4].Index.ShouldBe(0);
        reference.Segments[4].IsKey.ShouldBeFalse();
        reference.Segments[4].Offset.ShouldBe(42);
        reference.Segments[4].Length.ShouldBe(3);
        reference.Length.ShouldBe(50);
        reference.ToString().ShouldBe("steps.find-latest.outputs['odd key'].nodes[0].name");
    }

    [Fact]
    public void Negative_literal_index_is_static()
    {
        var reference = Collect("params.tags[-1]").ShouldHaveSingleItem();

        reference.Segments.Count.ShouldBe(2);
        reference.Segments[1].Index.ShouldBe(-1);
        reference.Path.ShouldBe(["params", "tags", "-1"]);
    }

    [Fact]
    public void Dynamic_index_truncates_and_its_own_paths_are_reported()
    {
        var references = Collect("steps[params.step].outputs.address");

        references.Count.ShouldBe(2);
        references[0].Root.ShouldBe("steps");
        references[0].Segments.ShouldBeEmpty();
        references[0].IsTruncated.ShouldBeTrue();
        references[0].Length.ShouldBe(5);
        references[0].ToString().ShouldBe("steps[...]");
        references[1].Path.ShouldBe(["params", "step"]);
        references[1].Offset.ShouldBe(6);
    }

    [Fact]
    public void Static_prefix_before_dynamic_index_is_kept()
    {
        var reference = Collect("params.nodes[index].name")[0];

        reference.Path.ShouldBe(["params", "nodes"]);
        reference.IsTruncated.ShouldBeTrue();
        reference.Length.ShouldBe(12);
    }

    [Fact]
    public void Paths_inside_operators_and_function_calls()
    {
        var references = Collect("!contains(params.tags, item.name) && index > 0 || run.dryRun");

        references.Select(r => r.ToString()).ShouldBe(["params.tags", "item.name", "index", "run.dryRun"]);
    }

    [Fact]
    public void Member_of_a_function_result_is_not_a_path_but_its_arguments_are()
    {
        var references = Collect("maxBy(steps.x.outputs.nodes, 'lsn').address");

        references.ShouldHaveSingleItem().ToString().ShouldBe("steps.x.outputs.nodes");
    }

    [Fact]
    public void Paths_inside_index_of_a_function_result()
    {
        Collect("split(params.a, ',')[params.i]").Select(r => r.ToString()).ShouldBe(["params.a", "params.i"]);
    }

    [Fact]
    public void Literals_and_function_names_are_not_paths()
    {
        Collect("length('steps.x') > 1 && true").ShouldBeEmpty();
    }

    [Fact]
    public void Template_collects_from_all_expressions_with_scalar_offsets()
    {
        var template = ParseTemplate("host ${{ params.host }}:${{ coalesce(params.port, 5432) }}");

        var references = template.GetPathReferences();

        references.Select(r => (r.ToString(), r.Offset)).ShouldBe([("params.host", 9), ("params.port", 37)]);
    }

    [Fact]
    public void Each_occurrence_is_reported()
    {
        Collect("params.a == params.a").Select(r => r.Offset).ShouldBe([0, 12]);
    }
}
