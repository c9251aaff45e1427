using RunbookEngine.Execution.Engine;
using RunbookEngine.Expressions;

namespace RunbookEngine.Core.Tests.Execution.Engine;

public sealed class ScopeTests
{
    private static readonly Dictionary<string, object?> Params = new(StringComparer.Ordinal) { ["cluster"] = "c1" };
    private static readonly Dictionary<string, object?> RunInfo = new(StringComparer.Ordinal) { ["id"] = "r1" };

    private static object? Evaluate(string text, ExpressionContext context) => Template.Parse(text).Template.ShouldNotBeNull().Evaluate(context);

    [Fact]
    public void Roots_are_params_steps_and_run_then_item_and_index_then_result()
    {
        var scope = new Scope(Params, RunInfo);
        scope.Context().Roots.Keys.ShouldBe(["params", "steps", "run"]);
        scope.WithItem("x", 2).Context().Roots.Keys.ShouldBe(["params", "steps", "run", "item", "index"]);
        var roots = scope.WithItem("x", 2).Context(result: 7L, withResult: true).Roots;
        roots.Keys.ShouldBe(["params", "steps", "run", "item", "index", "result"]);
        roots.Count.ShouldBe(6);
        roots["item"].ShouldBe("x");
        roots["index"].ShouldBe(2L);
        roots["result"].ShouldBe(7L);
        roots.ContainsKey("env").ShouldBeFalse();
        roots.TryGetValue("result", out _).ShouldBeTrue();
        scope.Context().Roots.TryGetValue("result", out _).ShouldBeFalse();
    }

    [Fact]
    public void Expressions_read_params_steps_and_item()
    {
        var scope = new Scope(Params, RunInfo);
        scope.Record("a", "succeeded", new Dictionary<string, object?>(StringComparer.Ordinal) { ["n"] = 3L });
        var context = scope.WithItem("node-1", 0).Context();
        Evaluate("${{ params.cluster }}/${{ item }}", context).ShouldBe("c1/node-1");
        Evaluate("${{ steps.a.outputs.n }}", context).ShouldBe(3L);
        Evaluate("${{ steps.a.status }}", context).ShouldBe("succeeded");
        Evaluate("${{ length(steps) }}", context).ShouldBe(1L);
    }

    [Fact]
    public void Steps_read_as_a_whole_are_a_copy_that_later_steps_do_not_change()
    {
        var scope = new Scope(Params, RunInfo);
        scope.Record("a", "succeeded", null);
        var seen = Evaluate("${{ steps }}", scope.Context()).ShouldBeAssignableTo<IReadOnlyDictionary<string, object?>>()!;
        scope.Record("b", "succeeded", null);
        seen.Keys.ShouldBe(["a"]);
        Evaluate("${{ length(steps) }}", scope.Context()).ShouldBe(2L);
    }

    [Fact]
    public void One_context_shows_one_copy_of_the_steps()
    {
        var scope = new Scope(Params, RunInfo);
        scope.Record("a", "succeeded", null);
        var roots = scope.Context().Roots;
        roots["steps"].ShouldBeSameAs(roots["steps"]);
        scope.Context().Roots["steps"].ShouldNotBeSameAs(roots["steps"]);
    }

    [Fact]
    public void An_isolated_scope_keeps_its_own_steps()
    {
        var scope = new Scope(Params, RunInfo);
        scope.Record("a", "succeeded", null);
        var isolated = scope.WithItem(1L, 0).Isolated();
        isolated.Record("b", "succeeded", null);
        Evaluate("${{ length(steps) }}", scope.Context()).ShouldBe(1L);
        Evaluate("${{ length(steps) }}", isolated.Context()).ShouldBe(2L);
    }
}
