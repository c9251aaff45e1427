using RunbookEngine.Diagnostics;
using RunbookEngine.Model;
using RunbookEngine.Syntax;

namespace RunbookEngine.Loading;

/// <summary>Follows runbook calls from one runbook and reports each call that leads back to it.</summary>
internal sealed class CallCycleDetector(IRunbookResolver resolver, DiagnosticBag diagnostics)
{
    public void Check(Runbook runbook, IReadOnlyDictionary<Step, YamlMapping> syntax)
    {
        foreach (var call in runbook.AllSteps().OfType<CallStep>())
        {
            if (!syntax.TryGetValue(call, out var node) || node.Scalar("uses") is not { } uses)
            {
                continue;
            }

            var path = FindPathBack(runbook.Identity, call.Target, [runbook.Identity], new HashSet<string>(StringComparer.Ordinal));
            if (path is not null)
            {
                diagnostics.Add(DiagnosticCodes.CallCycle, uses.Span, uses.Path,
                    $"calling '{call.Target}' leads back to this runbook: {string.Join(" → ", path)}",
                    "runbook calls must form a tree; move the shared steps into a third runbook that both call");
            }
        }
    }

    private List<string>? FindPathBack(string origin, RunbookReference target, List<string> chain, HashSet<string> visited)
    {
        var callee = resolver.Resolve(target).Runbook;
        if (callee is null || !visited.Add(callee.Identity))
        {
            return null;
        }

        chain.Add(callee.Identity);
        // By identity: calling another version of the same runbook is a cycle only if that version leads back.
        if (callee.Identity == origin)
        {
            return chain;
        }

        foreach (var call in callee.AllSteps().OfType<CallStep>())
        {
            if (FindPathBack(origin, call.Target, chain, visited) is { } found)
            {
                return found;
            }
        }

        chain.RemoveAt(chain.Count - 1);
        return null;
    }
}
