using System.Collections.Concurrent;
using RunbookEngine.Expressions;

namespace RunbookEngine.Execution.Engine;

/// <summary>
/// What expressions see at one point of a run: params, the steps done so far (id → outputs and status), the
/// current foreach item, and the run. Steps of a plain group write into their parent's table (later steps may
/// read them); each iteration of a foreach group gets its own copy, because its steps ran once per item.
/// </summary>
internal sealed class Scope
{
    private readonly IReadOnlyDictionary<string, object?> _params;
    private readonly IReadOnlyDictionary<string, object?> _run;
    private readonly ConcurrentDictionary<string, object?> _steps;
    private readonly bool _hasItem;
    private readonly object? _item;
    private readonly long _index;

    public Scope(IReadOnlyDictionary<string, object?> parameters, IReadOnlyDictionary<string, object?> run)
        : this(parameters, run, new ConcurrentDictionary<string, object?>(StringComparer.Ordinal), false, null, 0)
    {
    }

    private Scope(IReadOnlyDictionary<string, object?> parameters, IReadOnlyDictionary<string, object?> run,
        ConcurrentDictionary<string, object?> steps, bool hasItem, object? item, long index)
    {
        _params = parameters;
        _run = run;
        _steps = steps;
        _hasItem = hasItem;
        _item = item;
        _index = index;
    }

    public IReadOnlyDictionary<string, object?> Run => _run;

    /// <summary>The same steps table, with a foreach item in scope.</summary>
    public Scope WithItem(object? item, int index) => new(_params, _run, _steps, true, item, index);

    /// <summary>A private copy of the steps table, for one iteration of a foreach group.</summary>
    public Scope Isolated() => new(_params, _run, new ConcurrentDictionary<string, object?>(_steps, StringComparer.Ordinal), _hasItem, _item, _index);

    /// <summary>A called runbook sees only its own parameters and steps.</summary>
    public Scope ForCall(IReadOnlyDictionary<string, object?> parameters) =>
        new(parameters, _run, new ConcurrentDictionary<string, object?>(StringComparer.Ordinal), false, null, 0);

    public void Record(string stepId, string status, object? outputs) =>
        _steps[stepId] = new Dictionary<string, object?>(StringComparer.Ordinal) { ["outputs"] = outputs, ["status"] = status };

    public ExpressionContext Context(object? result = null, bool withResult = false)
    {
        var roots = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["params"] = _params,
            ["steps"] = new Dictionary<string, object?>(_steps, StringComparer.Ordinal),
            ["run"] = _run,
        };
        if (_hasItem)
        {
            roots["item"] = _item;
            roots["index"] = _index;
        }

        if (withResult)
        {
            roots["result"] = result;
        }

        return new ExpressionContext(roots);
    }
}
