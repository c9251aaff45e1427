using RunbookEngine.Activities.Context;
using RunbookEngine.Activities.Planning;

namespace RunbookEngine.Activities.Config;

/// <summary>Plan shapes shared by the config activities; every text goes through the redactor.</summary>
internal static class ConfigPlans
{
    /// <summary>The step would fail: say why, as a high risk, changing nothing.</summary>
    public static ActivityPlan WouldFail(string what, ConfigProblem problem, SecretRedactor redactor) => new()
    {
        Summary = redactor.Redact($"{what}: {problem.Message}"),
        Risks = [new PlanRisk(redactor.Redact($"{problem.Message}; the step will fail ({problem.ErrorType})"), RiskSeverity.High)],
    };

    /// <summary>The file already says what the step would write.</summary>
    public static ActivityPlan Unchanged(string file, string summary, SecretRedactor redactor) => new()
    {
        Summary = redactor.Redact(summary),
        Effects = [new PlannedEffect(EffectKind.Read, redactor.Redact(file), "already as requested; not rewritten")],
    };

    /// <summary>The file would be rewritten: the detail is what changes (and the diff), the bytes its new size.</summary>
    public static ActivityPlan Write(string file, string summary, string detail, long bytes, SecretRedactor redactor) => new()
    {
        Summary = redactor.Redact(summary),
        Effects = [new PlannedEffect(EffectKind.Write, redactor.Redact(file), redactor.Redact(detail), bytes)],
    };
}
