using RunbookEngine.Activities;
using RunbookEngine.Diagnostics;
using RunbookEngine.Expressions;
using RunbookEngine.Format;
using RunbookEngine.Model;
using RunbookEngine.Syntax;

namespace RunbookEngine.Loading;

/// <summary>
/// Checks what only the whole runbook can tell: unique ids, known activities and their inputs, calls, and that
/// every expression refers to parameters that exist and to steps that have run before it.
/// </summary>
internal sealed class SemanticChecker
{
    private readonly Runbook _runbook;
    private readonly IActivityCatalog _activities;
    private readonly IRunbookResolver? _resolver;
    private readonly DiagnosticBag _diagnostics;
    private readonly IReadOnlyDictionary<Template, YamlScalar> _scalars;
    private readonly List<StepScope> _scopes = [];
    private readonly Dictionary<string, StepScope> _byId = new(StringComparer.Ordinal);
    private readonly Dictionary<Step, Runbook> _callees = new(ReferenceEqualityComparer.Instance);

    public SemanticChecker(Runbook runbook, IReadOnlyDictionary<Step, YamlMapping> syntax, IReadOnlyDictionary<Template, YamlScalar> scalars,
        IActivityCatalog activities, IRunbookResolver? resolver, DiagnosticBag diagnostics)
    {
        _runbook = runbook;
        _activities = activities;
        _resolver = resolver;
        _diagnostics = diagnostics;
        _scalars = scalars;
        var order = 0;
        void Walk(IEnumerable<Step> steps, StepScope? parent, bool compensation)
        {
            foreach (var step in steps)
            {
                if (!syntax.TryGetValue(step, out var node))
                {
                    continue;
                }

                var scope = new StepScope(step, parent, order++, compensation, node);
                _scopes.Add(scope);
                if (step is GroupStep group)
                {
                    Walk(group.Steps, scope, compensation);
                }
            }
        }

        Walk(runbook.Steps, null, false);
        Walk(runbook.Compensations, null, true);
    }

    public void Check()
    {
        CheckIds();
        foreach (var scope in _scopes)
        {
            switch (scope.Step)
            {
                case ActivityStep activity:
                    CheckActivity(scope, activity);
                    break;
                case CallStep call:
                    CheckCall(scope, call);
                    break;
            }

            CheckCompensations(scope);
        }

        var references = new ReferenceChecker(this);
        foreach (var scope in _scopes)
        {
            references.CheckStep(scope);
        }

        references.CheckRunbookOutputs(_runbook.Outputs);
    }

    internal Runbook Runbook => _runbook;

    internal IActivityCatalog Activities => _activities;

    internal DiagnosticBag Diagnostics => _diagnostics;

    internal IReadOnlyList<StepScope> Scopes => _scopes;

    internal StepScope? FindScope(string id) => _byId.GetValueOrDefault(id);

    internal Runbook? CalleeOf(Step step) => _callees.GetValueOrDefault(step);

    internal YamlScalar? ScalarOf(Template template) => _scalars.GetValueOrDefault(template);

    private void CheckIds()
    {
        foreach (var scope in _scopes)
        {
            if (_byId.TryGetValue(scope.Step.Id, out var first))
            {
                var idNode = scope.Syntax.Scalar("id")!;
                _diagnostics.Add(DiagnosticCodes.DuplicateStepId, idNode.Span, idNode.Path,
                    $"step id '{scope.Step.Id}' is already used by the step at line {first.Syntax.Span.Line}",
                    "step ids are unique across the whole runbook (groups and compensations included); rename one");
                continue;
            }

            _byId[scope.Step.Id] = scope;
        }
    }

    private void CheckCompensations(StepScope scope)
    {
        if (scope.Step.OnFailure.Action != FailureAction.Compensate)
        {
            return;
        }

        var available = _runbook.Compensations.Select(c => c.Id).ToList();
        var ids = (scope.Syntax.Mapping("onFailure")?.Sequence("compensate")?.Items ?? []).OfType<YamlScalar>();
        foreach (var id in ids.Where(i => !available.Contains(i.Value)))
        {
            _diagnostics.Add(DiagnosticCodes.UnknownCompensation, id.Span, id.Path,
                $"'{id.Value}' is not a step under 'compensations'",
                available.Count == 0 ? "declare it under a top-level 'compensations:' list" : Suggestions.Hint(id.Value, available, "compensation steps"));
        }
    }

    private void CheckActivity(StepScope scope, ActivityStep step)
    {
        var uses = scope.Syntax.Scalar("uses")!;
        var descriptor = _activities.Find(step.Activity);
        if (descriptor is null)
        {
            _diagnostics.Add(DiagnosticCodes.UnknownActivity, uses.Span, uses.Path,
                $"unknown activity '{step.Activity}'",
                Suggestions.Closest(step.Activity, _activities.Names) is { } close
                    ? $"did you mean '{close}'? 'runbook activities' lists them all; a runbook is called with runbook:<name>"
                    : "'runbook activities' lists the activities; a runbook is called with runbook:<name>");
            return;
        }

        var shapes = new ShapeSet(descriptor.InputShape, RunbookFormat.Shapes.Definitions);
        var checker = new ShapeChecker(shapes, _diagnostics, ShapeCodes.Inputs);
        if (scope.Syntax.Mapping("with") is { } with)
        {
            checker.Check(with, descriptor.InputShape, scope.Syntax.Find("with")!.Key);
        }
        else if (scope.Syntax.Find("with") is not { } given || given.Value is YamlScalar { IsNull: true })
        {
            // No 'with:' (or an empty one). A 'with:' that is a list or a word was reported as such (RB0103); its
            // inputs are not also "missing".
            foreach (var field in descriptor.Inputs.Where(f => f.Required))
            {
                _diagnostics.Add(DiagnosticCodes.MissingInput, uses.Span, scope.Syntax.Path + ".with",
                    $"activity '{descriptor.Name}' needs input '{field.Name}'",
                    $"add with: {{ {field.Name}: ... }}{(field.Description is null ? string.Empty : $" ({field.Description.TrimEnd('.')})")}");
            }
        }
    }

    private void CheckCall(StepScope scope, CallStep step)
    {
        var uses = scope.Syntax.Scalar("uses")!;
        if (_resolver is null)
        {
            return;
        }

        var resolution = _resolver.Resolve(step.Target);
        if (resolution.Runbook is not { } callee)
        {
            _diagnostics.Add(resolution.Invalid ? DiagnosticCodes.CalledRunbookInvalid : DiagnosticCodes.CalledRunbookNotFound,
                uses.Span, uses.Path, resolution.Error ?? $"runbook '{step.Target}' cannot be loaded", resolution.Hint);
            return;
        }

        _callees[step] = callee;
        var with = scope.Syntax.Mapping("with");
        var given = with?.Entries ?? [];
        var meant = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in given)
        {
            var parameter = callee.FindParameter(entry.Key.Value);
            if (parameter is null)
            {
                var names = callee.Parameters.Select(p => p.Name).ToList();
                _diagnostics.Add(DiagnosticCodes.UnknownInput, entry.Key.Span, entry.Value.Path,
                    $"runbook '{callee.Identity}' has no parameter '{entry.Key.Value}'",
                    Suggestions.Hint(entry.Key.Value, names, "its parameters"));
                if (Suggestions.Closest(entry.Key.Value, names) is { } close)
                {
                    meant.Add(close); // a misspelt required parameter is reported once, as unknown with the suggestion
                }
            }
            else if (!entry.Value.ContainsTemplate())
            {
                new Parameters.ParameterValueConverter(_diagnostics, DiagnosticCodes.InputTypeMismatch, $"parameter '{{0}}' of '{callee.Name}'")
                    .TryConvert(entry.Value, parameter.Type, parameter.Name, out _);
            }
        }

        foreach (var parameter in callee.Parameters.Where(p => p.Required && !p.HasDefault && given.All(e => e.Key.Value != p.Name) && !meant.Contains(p.Name)))
        {
            _diagnostics.Add(DiagnosticCodes.MissingInput, with is null ? uses.Span : scope.Syntax.Find("with")!.Key.Span, scope.Syntax.Path + ".with",
                $"runbook '{callee.Identity}' needs parameter '{parameter.Name}' ({parameter.Type.DisplayName})",
                $"add with: {{ {parameter.Name}: ... }}{(parameter.Description is null ? string.Empty : $" ({parameter.Description.TrimEnd('.')})")}");
        }
    }
}

internal static class TemplateSyntax
{
    public static bool ContainsTemplate(this YamlNode node) => node switch
    {
        YamlScalar s => s.Value.Contains("${{", StringComparison.Ordinal),
        YamlSequence q => q.Items.Any(ContainsTemplate),
        YamlMapping m => m.Entries.Any(e => ContainsTemplate(e.Value)),
        _ => false,
    };
}
