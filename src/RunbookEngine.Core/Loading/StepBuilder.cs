using RunbookEngine.Diagnostics;
using RunbookEngine.Expressions;
using RunbookEngine.Format;
using RunbookEngine.Model;
using RunbookEngine.Syntax;

namespace RunbookEngine.Loading;

/// <summary>Builds steps (activities, calls, groups) and checks their own values: ids, durations, retry, parallel.</summary>
internal sealed class StepBuilder(DiagnosticBag diagnostics, TemplateReader templates)
{
    /// <summary>The syntax of each step built, for checks that quote its keys.</summary>
    public Dictionary<Step, YamlMapping> Syntax { get; } = new(ReferenceEqualityComparer.Instance);

    public IReadOnlyList<Step> BuildList(YamlSequence? sequence) =>
        sequence is null ? [] : sequence.Items.OfType<YamlMapping>().Select(Build).OfType<Step>().ToList();

    private Step? Build(YamlMapping node)
    {
        var idScalar = node.Scalar("id");
        var id = idScalar is { IsNull: false } ? idScalar.Value : null;
        if (idScalar is { IsNull: false } && !Identifiers.IsValid(idScalar.Value))
        {
            diagnostics.Add(DiagnosticCodes.InvalidStepId, idScalar.Span, idScalar.Path,
                $"'{idScalar.Value}' is not a valid step id",
                "use letters, digits, '_' and '-', starting with a letter (e.g. find-latest), so steps.<id> can refer to it");
        }

        var uses = node.Scalar("uses");
        var group = node.Sequence("steps");
        if (node.Find("uses") is null == (node.Find("steps") is null))
        {
            var at = node.Find("uses")?.Key.Span ?? node.Find("id")?.Key.Span ?? node.Span;
            diagnostics.Add(DiagnosticCodes.StepKindAmbiguous, at, node.Path,
                uses is null ? $"step '{id}' has neither 'uses' nor 'steps'" : $"step '{id}' has both 'uses' and 'steps'",
                "a step either runs something (uses: an activity or runbook:<name>) or groups steps (steps: [...])");
        }

        var common = new CommonParts(node, id ?? string.Empty);
        Step? step;
        if (group is not null)
        {
            if (node.Find("with") is { } with)
            {
                diagnostics.Add(DiagnosticCodes.WithOnGroup, with.Key.Span, with.Value.Path,
                    $"step group '{id}' has 'with', which only activities and runbook calls take",
                    "move the inputs to the steps inside the group");
            }

            step = common.Apply(new GroupStep { Id = id ?? string.Empty, Span = node.Span, Steps = BuildList(group) }, this);
        }
        else if (uses is { IsNull: false })
        {
            var with = ReadWith(node);
            if (uses.Value.StartsWith(RunbookReference.CallPrefix, StringComparison.Ordinal))
            {
                var text = uses.Value[RunbookReference.CallPrefix.Length..];
                if (!RunbookReference.TryParse(text, out var target, out var error))
                {
                    diagnostics.Add(DiagnosticCodes.InvalidRunbookReference, uses.SpanOf(RunbookReference.CallPrefix.Length, text.Length), uses.Path,
                        error!, "write runbook:<system>/<name> or runbook:<system>/<name>@<version>");
                    return null;
                }

                step = common.Apply(new CallStep { Id = id ?? string.Empty, Span = node.Span, Target = target, With = with }, this);
            }
            else
            {
                step = common.Apply(new ActivityStep { Id = id ?? string.Empty, Span = node.Span, Activity = uses.Value, With = with }, this);
            }
        }
        else
        {
            return null;
        }

        if (step is not null)
        {
            Syntax[step] = node;
        }

        return id is null ? null : step;
    }

    private IReadOnlyList<KeyValuePair<string, ValueTemplate>> ReadWith(YamlMapping node)
    {
        var result = new List<KeyValuePair<string, ValueTemplate>>();
        foreach (var entry in node.Mapping("with")?.Entries ?? [])
        {
            if (templates.ReadValue(entry.Value) is { } value)
            {
                result.Add(new(entry.Key.Value, value));
            }
        }

        return result;
    }

    /// <summary>The keys every kind of step shares.</summary>
    private sealed class CommonParts(YamlMapping node, string id)
    {
        public Step Apply(Step step, StepBuilder b)
        {
            var foreachNode = node["foreach"];
            var parallel = b.ReadParallel(node, id, foreachNode is not null);
            return step with
            {
                Title = node.Text("title"),
                Description = node.Text("description"),
                When = b.ReadCondition(node.Scalar("when")),
                Foreach = foreachNode is null ? null : b.ReadForeach(foreachNode),
                Parallel = parallel,
                Retry = b.ReadRetry(node.Mapping("retry")),
                Timeout = b.ReadDuration(node.Scalar("timeout"), "timeout"),
                OnFailure = b.ReadFailure(node["onFailure"]),
                Outputs = b.ReadOutputs(node.Mapping("outputs")),
                Approval = b.ReadApproval(node["approval"]),
            };
        }
    }

    private Template? ReadCondition(YamlScalar? scalar)
    {
        if (scalar is null || scalar.IsNull)
        {
            return null;
        }

        if (scalar.CoreValue is bool literal)
        {
            return Template.Parse(literal ? "${{ true }}" : "${{ false }}").Template;
        }

        return RequireExpression(scalar, "when") ? templates.Read(scalar) : null;
    }

    private ValueTemplate? ReadForeach(YamlNode node)
    {
        if (node is YamlScalar scalar && !RequireExpression(scalar, "foreach"))
        {
            return null;
        }

        return templates.ReadValue(node);
    }

    /// <summary>A plain word where an expression belongs is almost always forgotten braces.</summary>
    private bool RequireExpression(YamlScalar scalar, string key)
    {
        var text = scalar.Value.Trim();
        if (text.StartsWith("${{", StringComparison.Ordinal) && text.EndsWith("}}", StringComparison.Ordinal))
        {
            return true;
        }

        diagnostics.Add(DiagnosticCodes.InvalidValue, scalar.Span, scalar.Path,
            $"'{key}' must be a single expression, found '{scalar.Value}'",
            key == "when" ? $"write when: ${{{{ {text} }}}} (or true/false)" : $"write foreach: ${{{{ {text} }}}} or a YAML list");
        return false;
    }

    private int? ReadParallel(YamlMapping node, string id, bool hasForeach)
    {
        var entry = node.Find("parallel");
        if (entry?.Value is not YamlScalar scalar)
        {
            return 1;
        }

        if (!hasForeach)
        {
            diagnostics.Add(DiagnosticCodes.ParallelWithoutForeach, entry.Key.Span, scalar.Path,
                $"step '{id}' has 'parallel' but no 'foreach'", "parallel limits how many foreach items run at once; add foreach or remove parallel");
        }

        switch (scalar.CoreValue)
        {
            case bool b:
                return b ? null : 1;
            case long n when n >= 1 && n <= 1024:
                return (int)n;
            case long n:
                diagnostics.Add(DiagnosticCodes.InvalidParallel, scalar.Span, scalar.Path,
                    $"parallel must be between 1 and 1024, found {n}", "use 1 for one item at a time, or true for all items at once");
                return 1;
            default:
                return 1;
        }
    }

    private RetryPolicy? ReadRetry(YamlMapping? retry)
    {
        if (retry is null)
        {
            return null;
        }

        var attempts = retry.Int("attempts") ?? 1;
        if (attempts is < 1 or > 100)
        {
            diagnostics.Add(DiagnosticCodes.InvalidRetry, retry.Scalar("attempts")!.Span, YamlNode.Child(retry.Path, "attempts"),
                $"retry attempts must be between 1 and 100, found {attempts}", "attempts counts the first try too: 3 means up to two retries");
        }

        var factor = retry["factor"] is YamlScalar { CoreValue: long or double } f ? Convert.ToDouble(f.CoreValue, System.Globalization.CultureInfo.InvariantCulture) : 2.0;
        if (factor < 1)
        {
            diagnostics.Add(DiagnosticCodes.InvalidRetry, retry.Scalar("factor")!.Span, YamlNode.Child(retry.Path, "factor"),
                $"retry factor must be at least 1, found {factor}", "1 keeps the delay constant; 2 doubles it each attempt");
        }

        var backoff = ReadDuration(retry.Scalar("backoff"), "backoff") ?? TimeSpan.FromSeconds(1);
        var max = ReadDuration(retry.Scalar("max"), "max");
        if (max is { } m && m < backoff)
        {
            diagnostics.Add(DiagnosticCodes.InvalidRetry, retry.Scalar("max")!.Span, YamlNode.Child(retry.Path, "max"),
                $"retry max ({Durations.Format(m)}) is shorter than backoff ({Durations.Format(backoff)})", "max caps the delay; make it at least the backoff");
        }

        return new RetryPolicy((int)Math.Clamp(attempts, 1, 100), backoff, Math.Max(1, factor), max);
    }

    private TimeSpan? ReadDuration(YamlScalar? scalar, string key)
    {
        if (scalar is null || scalar.IsNull)
        {
            return null;
        }

        if (!Durations.TryParse(scalar.Value, out var value) || value <= TimeSpan.Zero)
        {
            diagnostics.Add(DiagnosticCodes.InvalidDuration, scalar.Span, scalar.Path,
                $"'{scalar.Value}' is not a valid {key}", Durations.Hint + " (greater than zero)");
            return null;
        }

        return value;
    }

    private FailurePolicy ReadFailure(YamlNode? node)
    {
        switch (node)
        {
            case YamlScalar { Value: "fail" }:
                return FailurePolicy.Fail;
            case YamlScalar { Value: "continue" }:
                return FailurePolicy.Continue;
            case YamlScalar scalar:
                diagnostics.Add(DiagnosticCodes.InvalidValue, scalar.Span, scalar.Path,
                    $"onFailure is '{scalar.Value}'; expected 'fail', 'continue' or {{compensate: [step ids]}}",
                    Suggestions.Closest(scalar.Value, RunbookFormat.FailureActions) is { } close ? $"did you mean '{close}'?" : "fail stops the run; continue goes on with the next step");
                return FailurePolicy.Fail;
            case YamlMapping mapping when mapping.Sequence("compensate") is { } ids:
                return new FailurePolicy(FailureAction.Compensate, ids.Items.OfType<YamlScalar>().Select(s => s.Value).ToList());
            default:
                return FailurePolicy.Fail;
        }
    }

    private IReadOnlyList<StepOutput> ReadOutputs(YamlMapping? outputs)
    {
        var result = new List<StepOutput>();
        foreach (var entry in outputs?.Entries ?? [])
        {
            if (!Identifiers.IsValid(entry.Key.Value))
            {
                diagnostics.Add(DiagnosticCodes.InvalidValue, entry.Key.Span, entry.Value.Path,
                    $"'{entry.Key.Value}' is not a valid output name", "use letters, digits, '_' and '-', starting with a letter");
            }
            else if (entry.Value is YamlScalar scalar && templates.Read(scalar) is { } template)
            {
                result.Add(new StepOutput(entry.Key.Value, template, entry.Key.Span));
            }
        }

        return result;
    }

    private ApprovalGate? ReadApproval(YamlNode? node)
    {
        var message = node switch
        {
            YamlScalar s => s,
            YamlMapping m => m.Scalar("message"),
            _ => null,
        };
        return message is { IsNull: false } && templates.Read(message) is { } template ? new ApprovalGate(template) : null;
    }
}
