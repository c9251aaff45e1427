using RunbookEngine.Expressions;
using RunbookEngine.Expressions.Evaluation;

namespace RunbookEngine.Activities.Flow;

/// <summary>
/// The <c>until</c> of flow.wait-until: an expression over <c>result</c>, evaluated after every poll. It cannot be a
/// plain <c>${{ }}</c> in <c>with:</c>, because the engine evaluates those once, before the step starts; so it is
/// written as bare expression text (<c>result.status == 'completed'</c>) or escaped (<c>$${{ ... }}</c>).
/// <c>${{ }}</c> parts around it are still evaluated by the engine first, which is how values from params or earlier
/// steps get in: <c>result.index >= ${{ steps.scan.outputs.index }}</c>.
/// </summary>
internal sealed class Condition
{
    public const string Root = "result";
    private static readonly string[] Roots = [Root];
    private readonly Template _template;

    private Condition(Template template, string text)
    {
        _template = template;
        Text = text;
    }

    /// <summary>The expression as written, for plans and messages.</summary>
    public string Text { get; }

    /// <summary>Parses and checks the condition; every problem is an input error on <c>until</c>.</summary>
    public static Condition Parse(string until)
    {
        var text = until.Trim();
        var parsed = Template.Parse(text.Contains("${{", StringComparison.Ordinal) ? text : "${{ " + text + " }}");
        if (!parsed.Success)
        {
            throw Invalid(string.Join("; ", parsed.Errors.Select(e => e.Message)));
        }

        if (!parsed.Template.IsSingleExpression)
        {
            throw Invalid("write one expression, such as result.status == 'completed'");
        }

        var errors = parsed.Template.Check(knownRoots: Roots);
        if (errors.Count > 0)
        {
            throw Invalid(string.Join("; ", errors.Select(e => e.Message)) + $"; the condition sees only '{Root}' (use ${{{{ }}}} around values from params or steps)");
        }

        // Offset and Length cover the ${{ and }} delimiters.
        var expression = parsed.Template.Expressions[0];
        return new Condition(parsed.Template, parsed.Template.Text.Substring(expression.Offset + 3, expression.Length - 5).Trim());
    }

    /// <summary>Whether the condition holds for <paramref name="result"/>; the error says why it could not be decided.</summary>
    public bool Holds(object? result, out string? error)
    {
        error = null;
        try
        {
            var value = _template.Evaluate(new ExpressionContext(new Dictionary<string, object?>(StringComparer.Ordinal) { [Root] = result }));
            if (value is bool holds)
            {
                return holds;
            }

            error = $"until must give true or false, but gave {Values.Describe(value)}";
        }
        catch (ExpressionEvaluationException ex)
        {
            // Expression messages never contain a secret's text.
            error = $"until ({Text}) failed: {ex.Message}";
        }

        return false;
    }

    private static ActivityInputException Invalid(string why) =>
        new("until", "an expression over result, e.g. result.status == 'completed'", $"input 'until' is not a usable condition: {why}");
}
