using RunbookEngine.Core.Tests.Support;
using RunbookEngine.Diagnostics;

namespace RunbookEngine.Core.Tests.Loading;

/// <summary>Which steps an expression may read: only those that have run, unambiguously, before it is evaluated.</summary>
public sealed class ReferenceVisibilityTests
{
    [Fact]
    public void Earlier_step_is_visible()
    {
        Runbooks.ValidBody("""
            steps:
              - id: first
                uses: test.echo
                with: { message: hi }
              - id: second
                uses: test.echo
                with:
                  message: ${{ steps.first.outputs.text }}
                when: ${{ steps.first.status == 'succeeded' }}
            """);
    }

    [Fact]
    public void Later_step_is_not_visible_and_the_segment_is_underlined()
    {
        var result = Runbooks.LoadBody("""
            steps:
              - id: first
                uses: test.echo
                with:
                  message: ${{ steps.second.outputs.text }}
              - id: second
                uses: test.echo
                with: { message: hi }
            """);

        var diagnostic = result.Single(DiagnosticCodes.StepDoesNotRunEarlier);
        diagnostic.Message.ShouldContain("does not run before");
        diagnostic.YamlPath.ShouldBe("steps[0].with.message");
        // Line 11 is "      message: ${{ steps.second.outputs.text }}": 'second' spans columns 26 to 31.
        diagnostic.Span.Line.ShouldBe(11);
        diagnostic.Span.Column.ShouldBe(26);
        diagnostic.Span.EndColumn.ShouldBe(32);
        result.Runbook.ShouldBeNull();
    }

    [Fact]
    public void Step_cannot_read_itself()
    {
        var result = Runbooks.LoadBody("""
            steps:
              - id: self
                uses: test.echo
                with:
                  message: ${{ steps.self.outputs.text }}
            """);

        result.Single(DiagnosticCodes.StepDoesNotRunEarlier).Message.ShouldContain("its own outputs");
    }

    [Fact]
    public void Step_outputs_use_result_not_their_own_step()
    {
        var result = Runbooks.LoadBody("""
            steps:
              - id: self
                uses: test.echo
                with: { message: hi }
                outputs:
                  again: ${{ steps.self.outputs.text }}
            """);

        var diagnostic = result.Single(DiagnosticCodes.StepDoesNotRunEarlier);
        diagnostic.Message.ShouldContain("cannot read its own outputs");
        diagnostic.Hint.ShouldNotBeNull().ShouldContain("result.");
    }

    [Fact]
    public void Step_cannot_read_the_group_that_encloses_it()
    {
        var result = Runbooks.LoadBody("""
            steps:
              - id: outer
                outputs:
                  x: ${{ steps.inner.outputs.text }}
                steps:
                  - id: inner
                    uses: test.echo
                    with:
                      message: ${{ steps.outer.outputs.x }}
            """);

        result.Single(DiagnosticCodes.StepDoesNotRunEarlier).Message.ShouldContain("encloses this step");
    }

    [Fact]
    public void Step_inside_a_foreach_group_is_ambiguous_from_outside()
    {
        var result = Runbooks.LoadBody("""
            steps:
              - id: loop
                foreach: [a, b]
                steps:
                  - id: inner
                    uses: test.echo
                    with: { message: "${{ item }}" }
              - id: after
                uses: test.echo
                with:
                  message: ${{ steps.inner.outputs.text }}
            """);

        var diagnostic = result.Single(DiagnosticCodes.StepDoesNotRunEarlier);
        diagnostic.Message.ShouldContain("runs once per item of 'loop'");
        diagnostic.Hint.ShouldNotBeNull().ShouldContain("steps.loop.outputs");
    }

    [Fact]
    public void Group_outputs_may_read_inner_steps()
    {
        Runbooks.ValidBody("""
            steps:
              - id: plain-group
                outputs:
                  text: ${{ steps.inner.outputs.text }}
                steps:
                  - id: inner
                    uses: test.echo
                    with: { message: hi }
              - id: loop
                foreach: [a, b]
                outputs:
                  text: ${{ steps.per-item.outputs.text }}
                  which: ${{ item }}
                steps:
                  - id: per-item
                    uses: test.echo
                    with: { message: "${{ item }}" }
              - id: after
                uses: test.echo
                with:
                  message: "${{ steps.plain-group.outputs.text }} ${{ steps.loop.outputs[0].text }}"
            """);
    }

    [Fact]
    public void Steps_inside_a_plain_group_are_visible_after_it()
    {
        Runbooks.ValidBody("""
            steps:
              - id: group
                steps:
                  - id: inner
                    uses: test.echo
                    with: { message: hi }
              - id: after
                uses: test.echo
                with:
                  message: ${{ steps.inner.outputs.text }}
            """);
    }

    [Fact]
    public void Siblings_inside_a_foreach_group_see_each_other_for_the_same_item()
    {
        Runbooks.ValidBody("""
            steps:
              - id: before
                uses: test.echo
                with: { message: hi }
              - id: loop
                foreach: [a, b]
                steps:
                  - id: one
                    uses: test.echo
                    with: { message: "${{ steps.before.outputs.text }}" }
                  - id: two
                    uses: test.echo
                    with: { message: "${{ steps.one.outputs.text }}" }
            """);
    }

    [Fact]
    public void Foreach_step_outputs_are_a_list()
    {
        var result = Runbooks.LoadBody("""
            steps:
              - id: each
                uses: test.echo
                foreach: [a, b]
                with: { message: "${{ item }}" }
              - id: ok
                uses: test.echo
                with: { message: "${{ steps.each.outputs[0].text }} ${{ length(steps.each.outputs) }}" }
              - id: wrong
                uses: test.echo
                with: { message: "${{ steps.each.outputs.text }}" }
            """);

        var diagnostic = result.Diagnostics.ShouldHaveSingleItem();
        diagnostic.Code.ShouldBe("RB0505");
        diagnostic.Message.ShouldContain("runs once per item");
        diagnostic.YamlPath.ShouldBe("steps[2].with.message");
    }

    [Fact]
    public void Compensations_may_read_main_steps_but_not_the_reverse()
    {
        var result = Runbooks.LoadBody("""
            steps:
              - id: main
                uses: test.echo
                with: { message: "${{ steps.undo.outputs.text }}" }
                onFailure: { compensate: [undo] }
            compensations:
              - id: undo
                uses: test.echo
                with: { message: "${{ steps.main.status }}" }
            """);

        var diagnostic = result.Diagnostics.ShouldHaveSingleItem();
        diagnostic.Code.ShouldBe("RB0504");
        diagnostic.YamlPath.ShouldBe("steps[0].with.message");
    }

    [Fact]
    public void Runbook_outputs_read_main_steps_but_neither_compensations_nor_loop_internals()
    {
        var result = Runbooks.LoadBody("""
            outputs:
              ok: ${{ steps.main.outputs.text }}
              comp: ${{ steps.undo.outputs.text }}
              inner: ${{ steps.inner.outputs.text }}
            steps:
              - id: main
                uses: test.echo
                with: { message: hi }
              - id: loop
                foreach: [1]
                steps:
                  - id: inner
                    uses: test.echo
                    with: { message: hi }
            compensations:
              - id: undo
                uses: test.echo
                with: { message: hi }
            """);

        result.Diagnostics.Select(d => (d.Code, d.YamlPath)).ShouldBe([("RB0504", "outputs.comp"), ("RB0504", "outputs.inner")], ignoreOrder: true);
        result.Diagnostics.Single(d => d.YamlPath == "outputs.comp").Message.ShouldContain("compensation");
    }

    [Fact]
    public void Unknown_step_gets_a_suggestion()
    {
        var diagnostic = Runbooks.LoadBody("""
            steps:
              - id: find-latest
                uses: test.echo
                with: { message: hi }
              - id: use
                uses: test.echo
                with: { message: "${{ steps.find-lastest.outputs.text }}" }
            """).Single(DiagnosticCodes.UnknownStepReference);

        diagnostic.Hint.ShouldNotBeNull().ShouldStartWith("did you mean 'find-latest'?");
    }

    [Fact]
    public void Unknown_output_of_an_activity_gets_a_suggestion_and_declared_outputs_count()
    {
        var result = Runbooks.LoadBody("""
            steps:
              - id: a
                uses: test.echo
                with: { message: hi }
                outputs:
                  extra: ${{ result.count }}
              - id: b
                uses: test.echo
                with: { message: "${{ steps.a.outputs.extra }} ${{ steps.a.outputs.txet }}" }
            """);

        var diagnostic = result.Single(DiagnosticCodes.UnknownOutput);
        diagnostic.Message.ShouldContain("'txet'");
        diagnostic.Hint.ShouldNotBeNull().ShouldStartWith("did you mean 'text'?");
    }

    [Fact]
    public void Steps_have_only_outputs_and_status()
    {
        Runbooks.LoadBody("""
            steps:
              - id: a
                uses: test.echo
                with: { message: hi }
              - id: b
                uses: test.echo
                with: { message: "${{ steps.a.result }}" }
            """).Single(DiagnosticCodes.UnknownOutput).Message.ShouldContain("steps.a has no 'result'");
    }

    [Fact]
    public void Result_exists_only_in_step_outputs()
    {
        var result = Runbooks.LoadBody("""
            steps:
              - id: a
                uses: test.echo
                with: { message: "${{ result.text }}" }
                outputs:
                  good: ${{ result.text }}
                  bad: ${{ result.nope }}
            """);

        result.Diagnostics.Select(d => (d.Code, d.YamlPath)).ShouldBe([("RB0509", "steps[0].with.message"), ("RB0505", "steps[0].outputs.bad")], ignoreOrder: true);
    }

    [Fact]
    public void Item_and_index_exist_only_inside_a_foreach()
    {
        var result = Runbooks.LoadBody("""
            steps:
              - id: outside
                uses: test.echo
                with: { message: "${{ item }}" }
              - id: own-foreach
                uses: test.echo
                foreach: ${{ item }}
                with: { message: "${{ index }}" }
              - id: own-approval
                uses: test.echo
                foreach: [a]
                approval: "run ${{ item }}?"
                with: { message: "${{ item }} ${{ index }}" }
              - id: group
                foreach: [[a, b], [c]]
                approval: "all items?"
                steps:
                  - id: inner
                    uses: test.echo
                    approval: "this item ${{ item }}?"
                    foreach: ${{ item }}
                    with: { message: "${{ item }}" }
            """);

        result.Diagnostics.Select(d => (d.Code, d.YamlPath))
            .ShouldBe([("RB0506", "steps[0].with.message"), ("RB0506", "steps[1].foreach"), ("RB0506", "steps[2].approval")], ignoreOrder: true, Runbooks.Describe(result.Diagnostics));
    }

    [Fact]
    public void Item_fields_are_checked_against_the_list_item_type()
    {
        var result = Runbooks.LoadBody("""
            types:
              node:
                properties:
                  address: { type: string, required: true }
            parameters:
              nodes: { type: list, items: node, required: true }
            steps:
              - id: each
                uses: test.echo
                foreach: ${{ params.nodes }}
                with: { message: "${{ item.address }} ${{ item.adress }}" }
            """);

        var diagnostic = result.Single(DiagnosticCodes.UnknownField);
        diagnostic.Message.ShouldContain("'adress'");
        diagnostic.Hint.ShouldNotBeNull().ShouldStartWith("did you mean 'address'?");
    }

    [Fact]
    public void Parameters_and_their_fields_must_exist()
    {
        var result = Runbooks.LoadBody("""
            parameters:
              node:
                type: object
                properties: { address: { type: string } }
              count: { type: int }
            steps:
              - id: a
                uses: test.echo
                with: { message: "${{ params.nod }} ${{ params.node.port }} ${{ params.count.value }} ${{ params.node.address }}" }
            """);

        result.Diagnostics.Select(d => d.Code).ShouldBe(["RB0502", "RB0510", "RB0510"], ignoreOrder: true, Runbooks.Describe(result.Diagnostics));
        result.Single(DiagnosticCodes.UnknownParameterReference).Hint.ShouldNotBeNull().ShouldStartWith("did you mean 'node'?");
    }

    [Fact]
    public void Run_has_a_fixed_set_of_properties()
    {
        var result = Runbooks.LoadBody("""
            steps:
              - id: a
                uses: test.echo
                with: { message: "${{ run.id }} ${{ run.runbook }} ${{ run.version }} ${{ run.startedAt }} ${{ run.dryRun }} ${{ run.user }}" }
            """);

        result.Single(DiagnosticCodes.UnknownRunField).Message.ShouldContain("'user'");
        result.Diagnostics.Count.ShouldBe(1);
    }

    [Theory]
    [InlineData("env.HOME", "pass environment values and secrets in as parameters")]
    [InlineData("secrets.x", "pass environment values and secrets in as parameters")]
    [InlineData("parms.x", "did you mean 'params'?")]
    public void Unknown_roots_are_reported(string expression, string hint)
    {
        var diagnostic = Runbooks.LoadBody($$$"""
            steps:
              - id: a
                uses: test.echo
                with: { message: "${{ {{{expression}}} }}" }
            """).Single(DiagnosticCodes.UnknownRoot);

        diagnostic.Hint.ShouldNotBeNull().ShouldContain(hint);
    }

    [Fact]
    public void When_and_foreach_must_have_the_right_kind()
    {
        var result = Runbooks.LoadBody("""
            parameters:
              name: { type: string, default: x }
            steps:
              - id: a
                uses: test.noop
                when: ${{ params.name }}
              - id: b
                uses: test.noop
                foreach: ${{ params.name }}
            """);

        result.Diagnostics.Select(d => (d.Code, d.YamlPath)).ShouldBe([("RB0508", "steps[0].when"), ("RB0508", "steps[1].foreach")], ignoreOrder: true);
    }

    [Fact]
    public void Expression_inputs_must_fit_the_activity_input_type()
    {
        var result = Runbooks.LoadBody("""
            parameters:
              name: { type: string, default: x }
              port: { type: int, default: 1 }
            steps:
              - id: a
                uses: test.probe
                with:
                  address: ${{ params.port }}
                  port: ${{ params.name }}
            """);

        var diagnostic = result.Single(DiagnosticCodes.InputTypeMismatch);
        diagnostic.YamlPath.ShouldBe("steps[0].with.port");
        diagnostic.Message.ShouldBe("'port' must be an integer, but this expression gives a string");
    }
}
