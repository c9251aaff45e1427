using RunbookEngine.Model;

namespace RunbookEngine.Cli.Output;

/// <summary>One-line descriptions of steps, shared by 'show' and 'graph'.</summary>
internal static class StepText
{
    public static string Describe(Step step, bool withAnnotations = true)
    {
        var parts = new List<string> { $"{step.Id}  {step.Kind}" };
        if (step.Title is { Length: > 0 } title)
        {
            parts[0] += $"  — {title}";
        }

        if (withAnnotations)
        {
            parts.AddRange(Annotations(step));
        }

        return string.Join("  ", parts);
    }

    public static IEnumerable<string> Annotations(Step step)
    {
        if (step.Foreach is TemplateValue items)
        {
            yield return $"[foreach {items.Template.Text.Trim()}{(step.Parallel is 1 ? string.Empty : step.Parallel is null ? ", all in parallel" : $", {step.Parallel} in parallel")}]";
        }
        else if (step.Foreach is ListValue list)
        {
            yield return $"[foreach {list.Items.Count} items]";
        }

        if (step.When is { } when)
        {
            yield return $"[when {when.Text.Trim()}]";
        }

        if (step.Approval is not null)
        {
            yield return "[approval]";
        }

        if (step.Retry is { } retry)
        {
            yield return $"[retry {retry.Attempts}x]";
        }

        if (step.Timeout is { } timeout)
        {
            yield return $"[timeout {Format.Durations.Format(timeout)}]";
        }

        if (step.OnFailure.Action == FailureAction.Continue)
        {
            yield return "[on failure: continue]";
        }
        else if (step.OnFailure.Action == FailureAction.Compensate)
        {
            yield return $"[on failure: {string.Join(", ", step.OnFailure.Compensations)}]";
        }
    }
}
