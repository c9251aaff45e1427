using RunbookEngine.Activities;
using RunbookEngine.Diagnostics;
using RunbookEngine.Expressions;
using RunbookEngine.Expressions.Analysis;
using RunbookEngine.Format;
using RunbookEngine.Model;
using RunbookEngine.Syntax;

namespace RunbookEngine.Loading;

/// <summary>Checks every path in every expression against what exists at the point where it is evaluated.</summary>
internal sealed class ReferenceChecker(SemanticChecker owner)
{
    public static readonly IReadOnlyList<string> Roots = ["params", "steps", "item", "index", "run", "result"];
    public static readonly IReadOnlyList<string> RunFields = ["id", "runbook", "version", "startedAt", "dryRun"];
    public static readonly IReadOnlyList<string> StepFields = ["outputs", "status"];

    private DiagnosticBag Diagnostics => owner.Diagnostics;

    public void CheckStep(StepScope scope)
    {
        var step = scope.Step;
        if (step.Foreach is { } items)
        {
            foreach (var value in items.Templates())
            {
                var kind = Check(value.Template, value.Scalar, ReferenceSlot.Foreach, scope);
                if (kind is not (ValueKind.Any or ValueKind.List))
                {
                    Diagnostics.Add(DiagnosticCodes.ExpressionTypeMismatch, value.Scalar.Span, value.Scalar.Path,
                        $"foreach must give a list, but this expression gives {KindName(kind)}", "iterate over a list parameter or a list output");
                }
            }
        }

        if (step.When is { } when && owner.ScalarOf(when) is { } whenScalar)
        {
            var kind = Check(when, whenScalar, ReferenceSlot.Body, scope);
            if (kind is not (ValueKind.Any or ValueKind.Bool))
            {
                Diagnostics.Add(DiagnosticCodes.ExpressionTypeMismatch, whenScalar.Span, whenScalar.Path,
                    $"when must be true or false, but this expression gives {KindName(kind)}", "compare it, e.g. ${{ params.mode == 'repair' }}");
            }
        }

        var with = step switch
        {
            ActivityStep a => a.With,
            CallStep c => c.With,
            _ => [],
        };
        var inputs = step is ActivityStep act ? owner.Activities.Find(act.Activity) : null;
        var callee = step is CallStep ? owner.CalleeOf(step) : null;
        foreach (var (name, value) in with)
        {
            foreach (var template in value.Templates())
            {
                var kind = Check(template.Template, template.Scalar, ReferenceSlot.Body, scope);
                if (!ReferenceEquals(template, value))
                {
                    continue;
                }

                var expected = inputs?.Inputs.FirstOrDefault(i => i.Name == name) is { } field ? Kinds.Of(field.Shape)
                    : callee?.FindParameter(name) is { } parameter ? Kinds.Of(parameter.Type) : ValueKind.Any;
                if (!Kinds.Compatible(expected, kind))
                {
                    Diagnostics.Add(DiagnosticCodes.InputTypeMismatch, template.Scalar.Span, template.Scalar.Path,
                        $"'{name}' must be {KindName(expected)}, but this expression gives {KindName(kind)}",
                        "pass a value of the right type, or convert it with int(...) or string(...)");
                }
            }
        }

        foreach (var output in step.Outputs)
        {
            if (owner.ScalarOf(output.Value) is { } scalar)
            {
                Check(output.Value, scalar, ReferenceSlot.Outputs, scope);
            }
        }

        if (step.Approval is { } approval && owner.ScalarOf(approval.Message) is { } message)
        {
            Check(approval.Message, message, ReferenceSlot.Approval, scope);
        }
    }

    public void CheckRunbookOutputs(IEnumerable<RunbookOutput> outputs)
    {
        foreach (var output in outputs)
        {
            if (owner.ScalarOf(output.Value) is { } scalar)
            {
                Check(output.Value, scalar, ReferenceSlot.RunbookOutputs, null);
            }
        }
    }

    /// <summary>Reports bad references and operator misuse; returns the template's kind.</summary>
    private ValueKind Check(Template template, YamlScalar scalar, ReferenceSlot slot, StepScope? scope)
    {
        var clean = true;
        foreach (var reference in TemplateAnalysis.References(template))
        {
            clean &= CheckReference(reference, scalar, slot, scope);
        }

        if (!clean)
        {
            return ValueKind.Any;
        }

        ValueKind Resolve(PathReference r) => ResolveKind(r, slot, scope);
        foreach (var error in TemplateAnalysis.Check(template, Resolve))
        {
            Diagnostics.Add(DiagnosticCodes.ExpressionTypeMismatch, scalar.SpanOf(error.Offset, error.Length), scalar.Path, error.Message, error.Hint);
        }

        return TemplateAnalysis.InferKind(template, Resolve);
    }

    private bool CheckReference(PathReference reference, YamlScalar scalar, ReferenceSlot slot, StepScope? scope)
    {
        var segments = reference.Segments;
        SourceSpan At(int segment) => segment < 0 || segment >= segments.Count
            ? scalar.SpanOf(reference.Offset, reference.Length)
            : scalar.SpanOf(segments[segment].Offset, segments[segment].Length);
        bool Fail(DiagnosticDescriptor code, int segment, string message, string? hint)
        {
            Diagnostics.Add(code, At(segment), scalar.Path, message, hint);
            return false;
        }

        switch (reference.Root)
        {
            case "params":
                if (segments.Count == 0 || !segments[0].IsKey)
                {
                    return true;
                }

                var parameter = owner.Runbook.FindParameter(segments[0].Key!);
                if (parameter is null)
                {
                    return Fail(DiagnosticCodes.UnknownParameterReference, 0, $"there is no parameter '{segments[0].Key}'",
                        Suggestions.Hint(segments[0].Key!, owner.Runbook.Parameters.Select(p => p.Name).ToList(), "parameters"));
                }

                return CheckFields(parameter.Type, segments, 1, $"params.{parameter.Name}", Fail);
            case "steps":
                return CheckStepReference(reference, slot, scope, Fail);
            case "item" or "index":
                var loop = scope?.ForeachScope(includeSelf: slot is ReferenceSlot.Body or ReferenceSlot.Outputs);
                if (loop is null)
                {
                    return Fail(DiagnosticCodes.ItemOutsideForeach, -1, $"'{reference.Root}' is only defined inside a foreach",
                        slot is ReferenceSlot.Foreach or ReferenceSlot.Approval
                            ? $"a step's {(slot == ReferenceSlot.Foreach ? "foreach" : "approval")} is evaluated before its items; only an enclosing group's item is in scope"
                            : "add foreach: ${{ ... }} to this step or to a group around it");
                }

                return reference.Root == "index" || ItemType(loop) is not { } itemType || CheckFields(itemType, segments, 0, "item", Fail);
            case "run":
                return segments.Count == 0 || !segments[0].IsKey || RunFields.Contains(segments[0].Key!)
                    || Fail(DiagnosticCodes.UnknownRunField, 0, $"'run' has no property '{segments[0].Key}'", Suggestions.Hint(segments[0].Key!, RunFields, "its properties"));
            case "result":
                if (slot != ReferenceSlot.Outputs)
                {
                    return Fail(DiagnosticCodes.ResultOutsideOutputs, -1, "'result' is only defined in a step's outputs",
                        "result holds the activity's outputs while the step's own outputs: are computed; elsewhere use steps.<id>.outputs");
                }

                return segments.Count == 0 || !segments[0].IsKey || KnownOutputs(scope!.Step, includeDeclared: false) is not { } names || names.Contains(segments[0].Key!)
                    || Fail(DiagnosticCodes.UnknownOutput, 0, $"the activity of step '{scope.Step.Id}' has no output '{segments[0].Key}'", Suggestions.Hint(segments[0].Key!, names.ToList(), "its outputs"));
            default:
                return Fail(DiagnosticCodes.UnknownRoot, -1, $"'{reference.Root}' is not defined in expressions",
                    reference.Root is "env" or "secrets" or "inputs"
                        ? "expressions see params, steps, item, index, run and result; pass environment values and secrets in as parameters"
                        : Suggestions.Hint(reference.Root, Roots, "expressions can use"));
        }
    }

    private bool CheckStepReference(PathReference reference, ReferenceSlot slot, StepScope? scope, Func<DiagnosticDescriptor, int, string, string?, bool> fail)
    {
        var segments = reference.Segments;
        if (segments.Count == 0 || !segments[0].IsKey)
        {
            return true;
        }

        var id = segments[0].Key!;
        var target = owner.FindScope(id);
        if (target is null)
        {
            return fail(DiagnosticCodes.UnknownStepReference, 0, $"there is no step '{id}'",
                Suggestions.Hint(id, owner.Scopes.Select(s => s.Step.Id).ToList(), "steps"));
        }

        if (WhyNotVisible(scope, target, slot) is { } why)
        {
            return fail(DiagnosticCodes.StepDoesNotRunEarlier, 0, why.Message, why.Hint);
        }

        if (segments.Count < 2 || !segments[1].IsKey)
        {
            return true;
        }

        if (!StepFields.Contains(segments[1].Key!))
        {
            return fail(DiagnosticCodes.UnknownOutput, 1, $"steps.{id} has no '{segments[1].Key}'",
                $"write steps.{id}.outputs.<name> for its outputs or steps.{id}.status for succeeded/failed/skipped");
        }

        if (segments[1].Key == "status" || segments.Count < 3)
        {
            return true;
        }

        var next = 2;
        if (target.Step.Foreach is not null)
        {
            if (segments[2].IsKey)
            {
                return fail(DiagnosticCodes.UnknownOutput, 2, $"step '{id}' runs once per item, so steps.{id}.outputs is a list",
                    $"pick one item, e.g. steps.{id}.outputs[0].{segments[2].Key}, or use pluck(steps.{id}.outputs, '{segments[2].Key}')");
            }

            next = 3;
        }

        if (segments.Count <= next || !segments[next].IsKey || KnownOutputs(target.Step, includeDeclared: true) is not { } names || names.Contains(segments[next].Key!))
        {
            return true;
        }

        return fail(DiagnosticCodes.UnknownOutput, next, $"step '{id}' has no output '{segments[next].Key}'",
            Suggestions.Hint(segments[next].Key!, names.ToList(), "its outputs"));
    }

    private static (string Message, string Hint)? WhyNotVisible(StepScope? from, StepScope target, ReferenceSlot slot)
    {
        var id = target.Step.Id;
        if (from is null)
        {
            if (target.IsCompensation)
            {
                return ($"step '{id}' is a compensation and may never run", "runbook outputs can read the main steps only");
            }
        }
        else if (ReferenceEquals(from, target))
        {
            return slot == ReferenceSlot.Outputs
                ? ($"step '{id}' cannot read its own outputs", "inside a step's outputs, use result.<name> for the activity's outputs")
                : ($"step '{id}' refers to its own outputs, which exist only after it ran", "read an earlier step's outputs instead");
        }
        else if (target.IsAncestorOf(from))
        {
            return ($"step '{id}' encloses this step; its outputs exist only after the whole group ran", "read a step that runs before the group, or move this reference after it");
        }
        else if (!(slot == ReferenceSlot.Outputs && from.IsAncestorOf(target)) && (target.Order > from.Order || target.IsCompensation && !from.IsCompensation))
        {
            return ($"step '{id}' does not run before this step", $"steps run in order; move '{id}' above this step or refer to an earlier one");
        }

        // A foreach group's own outputs are computed per item, so they see one item's inner steps.
        var loop = target.Ancestors().FirstOrDefault(a => a.Step.Foreach is not null
            && (from is null || !a.IsAncestorOf(from) && !(slot == ReferenceSlot.Outputs && ReferenceEquals(a, from))));
        return loop is null ? null : ($"step '{id}' runs once per item of '{loop.Step.Id}', so its outputs are ambiguous here", $"declare outputs on '{loop.Step.Id}' and read steps.{loop.Step.Id}.outputs");
    }

    private IReadOnlyCollection<string>? KnownOutputs(Step step, bool includeDeclared)
    {
        var declared = includeDeclared ? step.Outputs.Select(o => o.Name) : [];
        return step switch
        {
            ActivityStep a => owner.Activities.Find(a.Activity) is { } d ? d.Outputs.Select(o => o.Name).Concat(declared).ToList() : null,
            CallStep c => owner.CalleeOf(c) is { } callee ? callee.Outputs.Select(o => o.Name).Concat(declared).ToList() : null,
            _ => declared.ToList(),
        };
    }

    private static bool CheckFields(ParameterType type, IReadOnlyList<PathSegment> segments, int start, string path, Func<DiagnosticDescriptor, int, string, string?, bool> fail)
    {
        var current = type;
        for (var i = start; i < segments.Count; i++)
        {
            var segment = segments[i];
            if (!segment.IsKey)
            {
                if (current.Kind != ParameterKind.List)
                {
                    return true;
                }

                current = current.Items ?? new ParameterType(ParameterKind.String);
                path += $"[{segment.Index}]";
                continue;
            }

            if (current.Kind != ParameterKind.Object)
            {
                return fail(DiagnosticCodes.UnknownField, i, $"{path} is a {current.DisplayName}; it has no field '{segment.Key}'",
                    current.Kind == ParameterKind.List ? $"index it first, e.g. {path}[0].{segment.Key}, or use pluck({path}, '{segment.Key}')" : "remove the field access");
            }

            var property = current.Properties?.FirstOrDefault(p => p.Name == segment.Key);
            if (property is null)
            {
                return fail(DiagnosticCodes.UnknownField, i, $"{path} has no field '{segment.Key}'",
                    Suggestions.Hint(segment.Key!, (current.Properties ?? []).Select(p => p.Name).ToList(), $"fields of {current.DisplayName}"));
            }

            current = property.Type;
            path += "." + segment.Key;
        }

        return true;
    }

    /// <summary>The item type of a loop over a list parameter; unknown (null) for anything else.</summary>
    private ParameterType? ItemType(StepScope loop)
    {
        if (loop.Step.Foreach is not TemplateValue value || TemplateAnalysis.SinglePath(value.Template) is not { Root: "params" } path
            || path.Segments.Count != 1 || !path.Segments[0].IsKey || path.IsTruncated)
        {
            return null;
        }

        return owner.Runbook.FindParameter(path.Segments[0].Key!)?.Type is { Kind: ParameterKind.List } list ? list.Items ?? new ParameterType(ParameterKind.String) : null;
    }

    private ValueKind ResolveKind(PathReference reference, ReferenceSlot slot, StepScope? scope)
    {
        var segments = reference.Segments;
        switch (reference.Root)
        {
            case "params" when segments.Count > 0 && segments[0].IsKey && owner.Runbook.FindParameter(segments[0].Key!) is { } p:
                return Kinds.Walk(p.Type, segments, 1);
            case "item" when scope?.ForeachScope(slot is ReferenceSlot.Body or ReferenceSlot.Outputs) is { } loop && ItemType(loop) is { } itemType:
                return Kinds.Walk(itemType, segments, 0);
            case "index":
                return segments.Count == 0 ? ValueKind.Int : ValueKind.Any;
            case "run" when segments.Count == 1:
                return segments[0].Key == "dryRun" ? ValueKind.Bool : ValueKind.String;
            case "steps" when segments.Count == 2 && segments[1].Key == "status":
                return ValueKind.String;
            case "steps" when segments.Count == 3 && segments[1].Key == "outputs" && owner.FindScope(segments[0].Key ?? string.Empty) is { Step: ActivityStep { Foreach: null } a }:
                return owner.Activities.Find(a.Activity)?.FindOutput(segments[2].Key ?? string.Empty) is { } output ? Kinds.Of(output.Shape) : ValueKind.Any;
            case "result" when segments.Count == 1 && scope?.Step is ActivityStep r:
                return owner.Activities.Find(r.Activity)?.FindOutput(segments[0].Key ?? string.Empty) is { } o ? Kinds.Of(o.Shape) : ValueKind.Any;
            default:
                return ValueKind.Any;
        }
    }

    private static string KindName(ValueKind kind) => kind switch
    {
        ValueKind.Int => "an integer",
        ValueKind.Number => "a number",
        ValueKind.Bool => "a boolean",
        ValueKind.String => "a string",
        ValueKind.List => "a list",
        ValueKind.Map => "a mapping",
        ValueKind.Secret => "a secret",
        ValueKind.Null => "null",
        _ => "any value",
    };
}
