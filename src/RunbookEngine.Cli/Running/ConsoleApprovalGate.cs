using RunbookEngine.Activities.Context;

namespace RunbookEngine.Cli.Running;

/// <summary>
/// Approvals from the command line: --yes approves every gate; on a terminal the operator is asked; otherwise
/// nobody can answer, so the run pauses (exit 3) until 'runbook approve' records an answer.
/// </summary>
internal sealed class ConsoleApprovalGate(CliEnvironment env, TextReader input, bool yes, bool interactive, LiveStatus? status = null) : IApprovalGate
{
    public async Task<ApprovalDecision> RequestAsync(ApprovalRequest request, CancellationToken cancellationToken)
    {
        // The live status line would be drawn over the question and the answer.
        using var suspended = status?.Suspend();
        var user = Environment.UserName;
        if (yes)
        {
            await env.Out.WriteLineAsync($"approval: {request.StepPath}: {request.Message} — approved by --yes ({user})");
            return new ApprovalDecision(ApprovalOutcome.Approved, $"{user} (--yes)");
        }

        if (!interactive)
        {
            return ApprovalDecision.Paused;
        }

        await env.Out.WriteLineAsync($"approval needed for {request.StepPath}:");
        await env.Out.WriteLineAsync($"  {request.Message}");
        if (request.FollowingSteps is { Count: > 0 } following)
        {
            await env.Out.WriteLineAsync("what runs if you approve:");
            foreach (var line in following)
            {
                await env.Out.WriteLineAsync($"  - {line}");
            }
        }

        await env.Out.WriteAsync("Approve? [y/N] ");
        // Console.In's ReadLineAsync blocks the caller until a line comes and never looks at the token, so the read
        // runs on a thread of its own and the wait for it ends with the token (a SIGTERM at the prompt). A read left
        // waiting then ends with the process.
        var answer = (await Task.Run(input.ReadLine, CancellationToken.None).WaitAsync(cancellationToken))?.Trim();
        return answer is "y" or "Y" or "yes"
            ? new ApprovalDecision(ApprovalOutcome.Approved, user)
            : new ApprovalDecision(ApprovalOutcome.Denied, user, "answered no at the prompt");
    }
}
