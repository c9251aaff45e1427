using System.Collections;
using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
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

    public ExpressionContext Context(object? result = null, bool withResult = false) => new(new Roots(this, result, withResult));

    /// <summary>
    /// The roots of one context: params, steps, run, then item and index in a foreach, then result in outputs. The
    /// steps table is copied when an expression first reads <c>steps</c>, not when the context is made: most
    /// expressions never read it, and an eager copy made every step cost time in proportion to the steps before it.
    /// The copy holds what an eager one would: contexts are evaluated as soon as they are made, synchronously, and
    /// nothing records into a table while an expression that sees it is evaluated.
    /// </summary>
    private sealed class Roots(Scope scope, object? result, bool withResult) : IReadOnlyDictionary<string, object?>
    {
        private Dictionary<string, object?>? _steps;

        public int Count => 3 + (scope._hasItem ? 2 : 0) + (withResult ? 1 : 0);

        public IEnumerable<string> Keys => Names();

        public IEnumerable<object?> Values => Names().Select(name => this[name]);

        public object? this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"'{key}' is not defined here");

        public bool ContainsKey(string key) => Names().Contains(key, StringComparer.Ordinal);

        public bool TryGetValue(string key, [MaybeNullWhen(false)] out object? value)
        {
            switch (key)
            {
                case "params":
                    value = scope._params;
                    return true;
                case "steps":
                    value = _steps ??= new Dictionary<string, object?>(scope._steps, StringComparer.Ordinal);
                    return true;
                case "run":
                    value = scope._run;
                    return true;
                case "item" when scope._hasItem:
                    value = scope._item;
                    return true;
                case "index" when scope._hasItem:
                    value = scope._index;
                    return true;
                case "result" when withResult:
                    value = result;
                    return true;
                default:
                    value = null;
                    return false;
            }
        }

        public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() =>
            Names().Select(name => new KeyValuePair<string, object?>(name, this[name])).GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        private IEnumerable<string> Names()
        {
            yield return "params";
            yield return "steps";
            yield return "run";
            if (scope._hasItem)
            {
                yield return "item";
                yield return "index";
            }

            if (withResult)
            {
                yield return "result";
            }
        }
    }
}
