namespace RunbookEngine.Execution.States;

/// <summary>
/// An explicit transition table, built once and never changed. It holds no current state: the journal does, and
/// replaying a journal is just folding its triggers through <see cref="Fire"/>. Any pair the table does not list
/// is a bug in the engine, so <see cref="Fire"/> throws rather than returning a flag someone could ignore.
/// </summary>
public sealed class StateMachine<TState, TTrigger>
    where TState : struct, Enum
    where TTrigger : struct, Enum
{
    private readonly Dictionary<(TState From, TTrigger Trigger), TState> _table = [];

    public StateMachine(string name, TState initial, IEnumerable<Transition<TState, TTrigger>> transitions)
    {
        Name = name;
        Initial = initial;
        var list = new List<Transition<TState, TTrigger>>();
        foreach (var transition in transitions)
        {
            if (!_table.TryAdd((transition.From, transition.Trigger), transition.To))
            {
                throw new ArgumentException($"{name}: {transition.Trigger} is listed twice from {transition.From}", nameof(transitions));
            }

            list.Add(transition);
        }

        Transitions = list;
    }

    /// <summary>What the machine describes ("step", "run"); used in errors and drawings.</summary>
    public string Name { get; }

    public TState Initial { get; }

    /// <summary>The table in declaration order, for drawing and for tests.</summary>
    public IReadOnlyList<Transition<TState, TTrigger>> Transitions { get; }

    public static IReadOnlyList<TState> States { get; } = Enum.GetValues<TState>();

    public static IReadOnlyList<TTrigger> Triggers { get; } = Enum.GetValues<TTrigger>();

    /// <summary>States nothing leads out of: once there, the step or run is settled for good.</summary>
    public IReadOnlyList<TState> Terminal => States.Where(s => PermittedTriggers(s).Count == 0).ToList();

    public bool CanFire(TState state, TTrigger trigger) => _table.ContainsKey((state, trigger));

    /// <summary>The state after <paramref name="trigger"/>; throws <see cref="InvalidTransitionException"/> when the table has no such move.</summary>
    public TState Fire(TState state, TTrigger trigger) =>
        _table.TryGetValue((state, trigger), out var next)
            ? next
            : throw new InvalidTransitionException(Name, state.ToString(), trigger.ToString(), PermittedTriggers(state).Select(t => t.ToString()).ToList());

    public IReadOnlyList<TTrigger> PermittedTriggers(TState state) =>
        Transitions.Where(t => EqualityComparer<TState>.Default.Equals(t.From, state)).Select(t => t.Trigger).ToList();
}

public sealed record Transition<TState, TTrigger>(TState From, TTrigger Trigger, TState To)
    where TState : struct, Enum
    where TTrigger : struct, Enum;
