using System.ComponentModel;
using RunbookEngine.Activities.Context;
using RunbookEngine.Activities.Planning;

namespace RunbookEngine.Activities.Config;

/// <summary>
/// Sets (or removes) <c>key = value</c> in a <c>[section]</c> of an INI file, e.g. Pegasus' config.ini
/// <c>[meta_server] recover_from_replica_server = true</c>, rewriting only the lines concerned (see <see cref="IniDocument"/>).
/// </summary>
internal sealed class IniSet : Activity<IniSet.Input, IniSet.Output>
{
    public override string Name => "ini.set";

    public override string Description => "Sets or removes key = value in a [section] of an INI file, keeping comments, blank lines and order; atomic write.";

    public override ActivityTraits Traits => ActivityTraits.Idempotent;

    public override async Task<Output> ExecuteAsync(Input input, ActivityContext context, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Validate(input);
        var file = TextFile.WriteTarget(context.ResolvePath(input.Path));
        Edit edit;
        try
        {
            edit = Apply(file, input);
        }
        catch (ConfigProblem problem)
        {
            throw problem.ToFailure(context.Redactor);
        }

        if (edit.Changes.Count > 0)
        {
            await AtomicFile.WriteAsync(file, edit.Current.Encode(edit.Document.Text), cancellationToken).ConfigureAwait(false);
        }

        context.Log.Info("{Action} [{Section}] {Key} in {File}: {Lines} line(s) changed",
            input.Remove ? "Removed" : "Set", input.Section, input.Key, context.Redactor.Redact(file), edit.Changes.Count);
        return new Output { Changed = edit.Changes.Count > 0, Previous = edit.Previous };
    }

    public override Task<ActivityPlan> PlanAsync(Input input, ActivityContext context, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Validate(input);
        var file = TextFile.WriteTarget(context.ResolvePath(input.Path));
        var what = input.Remove ? $"remove [{input.Section}] {input.Key}" : $"set [{input.Section}] {input.Key} = {input.Value}";
        var redactor = context.Redactor;
        Edit edit;
        try
        {
            edit = Apply(file, input);
        }
        catch (ConfigProblem problem)
        {
            return Task.FromResult(ConfigPlans.WouldFail($"{what} in {file}", problem, redactor));
        }

        if (edit.Changes.Count == 0)
        {
            var state = input.Remove ? "has no such key" : "already has it";
            return Task.FromResult(ConfigPlans.Unchanged(file, $"{what}: {file} {state}; nothing to change", redactor));
        }

        var lines = edit.Changes.Select(c => c switch
        {
            { Before: { } before, After: { } after } => $"line {c.Number}: {before} → {after}",
            { Before: { } before } => $"line {c.Number}: {before} → (removed)",
            _ => $"line {c.Number}: (new) → {c.After}",
        });
        return Task.FromResult(ConfigPlans.Write(file, $"{what} in {file}", string.Join("\n", lines), edit.Current.Encode(edit.Document.Text).LongLength, redactor));
    }

    private static void Validate(Input input)
    {
        if (input.Section.AsSpan().IndexOfAny("[]\r\n") >= 0)
        {
            throw new ActivityInputException("section", "a section name without brackets or line breaks", $"input 'section' must be a name such as meta_server, without brackets or line breaks");
        }

        if (input.Key.Trim().Length == 0 || input.Key.Trim() != input.Key || input.Key.AsSpan().IndexOfAny("=\r\n") >= 0 || input.Key[0] is ';' or '#' or '[')
        {
            throw new ActivityInputException("key", "a key name", "input 'key' must be a name without '=', line breaks or surrounding spaces, not starting with ';', '#' or '['");
        }

        if (!input.Remove && input.Value is null)
        {
            throw new ActivityInputException("value", "a string", "input 'value' is required unless remove is true");
        }

        if (input.Value is { } value && (value.AsSpan().IndexOfAny("\r\n") >= 0 || value.Trim() != value))
        {
            throw new ActivityInputException("value", "one line of text", "input 'value' must be one line without surrounding spaces (the INI reader would trim them)");
        }
    }

    private static Edit Apply(string file, Input input)
    {
        var current = TextFile.Read(file);
        var document = IniDocument.Parse(current.Text);
        var previous = document.Get(input.Section, input.Key);
        var changes = input.Remove ? document.Remove(input.Section, input.Key) : document.Set(input.Section, input.Key, input.Value!);
        return new Edit(current, document, changes, previous);
    }

    private sealed record Edit(TextFile Current, IniDocument Document, IReadOnlyList<IniDocument.LineChange> Changes, string? Previous);

    internal sealed record Input
    {
        [Description("INI file to edit; it must exist. A symbolic link is followed and its target edited.")]
        public required string Path { get; init; }

        [Description("Section name without brackets, e.g. meta_server; \"\" means the lines before the first section.")]
        public required string Section { get; init; }

        [Description("Key to set or remove, e.g. recover_from_replica_server.")]
        public required string Key { get; init; }

        [Description("Value to write after '=' (required unless remove is true), e.g. true or /pegasus/onebox_recovery.")]
        public string? Value { get; init; }

        [Description("Remove every line of the key from the section instead of setting it (nothing happens if it is absent).")]
        public bool Remove { get; init; }
    }

    internal sealed record Output
    {
        [Description("Whether the file was written.")]
        public bool Changed { get; init; }

        [Description("The key's value before (its last occurrence in the section); null when it was absent.")]
        public string? Previous { get; init; }
    }
}
