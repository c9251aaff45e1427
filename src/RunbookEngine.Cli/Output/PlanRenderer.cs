using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using RunbookEngine.Activities;
using RunbookEngine.Execution.Planning;

namespace RunbookEngine.Cli.Output;

/// <summary>A plan as people review it (text, markdown for a change ticket) and as scripts read it (json).</summary>
internal static class PlanRenderer
{
    public static string Text(RunPlan plan)
    {
        var sb = new StringBuilder();
        sb.Append($"Plan for {plan.Runbook}@{plan.Version}{(plan.Source is null ? string.Empty : $" (source {plan.Source})")}\n");
        foreach (var (name, value) in plan.Parameters)
        {
            sb.Append($"  {name} = {value}\n");
        }

        sb.Append('\n');
        var n = 0;
        foreach (var step in plan.Steps)
        {
            sb.Append($"{++n,3}. {Label(step)}  {step.Kind}  [{step.Status}]{Traits(step.Traits)}\n");
            if (step.Plan is { } p)
            {
                sb.Append($"     {p.Summary}\n");
                foreach (var effect in p.Effects)
                {
                    sb.Append($"     - {Effect(effect)}\n");
                }

                foreach (var risk in p.Risks)
                {
                    sb.Append($"     ! {risk.Severity.ToString().ToLowerInvariant()} risk: {risk.Text}\n");
                }

                if (p.DataAtStake is { } stake)
                {
                    sb.Append($"     data at stake: {stake}\n");
                }
            }

            if (step.Note is { } note)
            {
                sb.Append($"     ({note})\n");
            }
        }

        sb.Append(plan.Destructive ? "\nThis plan contains destructive steps.\n" : "\nNo step is destructive.\n");
        return sb.ToString();
    }

    public static string Markdown(RunPlan plan)
    {
        var sb = new StringBuilder();
        sb.Append($"# Plan: {plan.Runbook}@{plan.Version}\n\n");
        if (plan.Source is not null)
        {
            sb.Append($"Procedure source: `{plan.Source}`\n\n");
        }

        sb.Append("| parameter | value |\n| --- | --- |\n");
        foreach (var (name, value) in plan.Parameters)
        {
            sb.Append($"| `{name}` | `{Cell(value)}` |\n");
        }

        sb.Append("\n| # | step | activity | status | what it does |\n| ---: | --- | --- | --- | --- |\n");
        var n = 0;
        foreach (var step in plan.Steps)
        {
            var what = step.Plan?.Summary ?? step.Note ?? string.Empty;
            if (step.Plan?.Destructive == true)
            {
                what = "**destructive** " + what;
            }

            sb.Append($"| {++n} | `{Label(step)}` | `{step.Kind}` | {step.Status} | {Cell(what)} |\n");
        }

        var destructive = plan.Steps.Where(s => s.Plan?.Destructive == true).ToList();
        if (destructive.Count > 0)
        {
            sb.Append("\n## Data at stake\n\n");
            foreach (var step in destructive)
            {
                sb.Append($"- `{Label(step)}`: {Cell(step.Plan!.DataAtStake ?? step.Plan.Summary)}\n");
            }
        }

        return sb.ToString();
    }

    public static string Json(RunPlan plan) =>
        JsonSerializer.Serialize(plan, new JsonSerializerOptions
        {
            WriteIndented = true,
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        }) + "\n";

    private static string Effect(Activities.Planning.PlannedEffect effect)
    {
        var text = $"{effect.Kind.ToString().ToLowerInvariant()} {effect.Target}";
        if (effect.Detail is { Length: > 0 } detail && detail != effect.Target)
        {
            text += $": {detail}";
        }

        return effect.Bytes is > 0 and var bytes ? $"{text} ({bytes:N0} bytes)" : text;
    }

    private static string Label(PlannedStep step) => step.Item is { } i ? $"{step.Path}[{i}]" : step.Path;

    private static string Traits(ActivityTraits traits) =>
        traits == ActivityTraits.None ? string.Empty : " " + string.Join(" ", Enum.GetValues<ActivityTraits>().Where(t => t != ActivityTraits.None && traits.HasFlag(t)).Select(t => t.ToString().ToLowerInvariant()));

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).ReplaceLineEndings(" ");
}
