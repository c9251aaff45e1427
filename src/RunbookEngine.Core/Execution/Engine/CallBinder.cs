using RunbookEngine.Activities;
using RunbookEngine.Model;

namespace RunbookEngine.Execution.Engine;

/// <summary>
/// Parameters of a called runbook from the caller's evaluated <c>with:</c>. Types were checked when the runbook
/// was loaded; what is left to check at run time is what only values can tell: a required value that is null.
/// </summary>
internal static class CallBinder
{
    public static IReadOnlyDictionary<string, object?> Bind(Runbook callee, IReadOnlyDictionary<string, object?> given)
    {
        var bound = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var parameter in callee.Parameters)
        {
            if (given.TryGetValue(parameter.Name, out var value) && value is not null)
            {
                bound[parameter.Name] = value;
            }
            else if (parameter.HasDefault)
            {
                bound[parameter.Name] = parameter.Default;
            }
            else if (parameter.Required)
            {
                throw new ActivityFailure("runbook.parameter-missing",
                    $"runbook '{callee.Identity}' needs parameter '{parameter.Name}', which evaluated to null", retryable: false);
            }
            else
            {
                bound[parameter.Name] = null;
            }
        }

        return bound;
    }
}
