using RunbookEngine.Activities.Context;
using RunbookEngine.Activities.Planning;

namespace RunbookEngine.Activities.Files;

internal static class PlanRisks
{
    /// <summary>
    /// The risk of a step that would fail as things stand. Something missing may be made by an earlier step of the
    /// same run (plans look at each step against today's files), so that is worth checking rather than certain.
    /// </summary>
    public static PlanRisk WillFail((string ErrorType, string Message) problem, SecretRedactor redact) =>
        problem.ErrorType == CopySet.NotFound
            ? new PlanRisk(redact.Redact(problem.Message) + "; unless an earlier step creates it, the step will fail", RiskSeverity.Medium)
            : new PlanRisk(redact.Redact(problem.Message) + "; the step will fail", RiskSeverity.High);
}
