using System.ComponentModel;
using RunbookEngine.Activities.Context;
using RunbookEngine.Activities.Planning;

namespace RunbookEngine.Activities.Config;

/// <summary>
/// Sets values at paths in an existing YAML file, changing only their text (see <see cref="YamlEditor"/>). The
/// edited text must parse to the old document with exactly these changes, or nothing is written.
/// </summary>
internal sealed class YamlSet : Activity<YamlSet.Input, YamlSet.Output>
{
    public override string Name => "yaml.set";

    public override string Description => "Sets values at dotted/indexed paths in a YAML file, keeping comments and layout; atomic write.";

    public override ActivityTraits Traits => ActivityTraits.Idempotent;

    public override async Task<Output> ExecuteAsync(Input input, ActivityContext context, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var edits = Edits(input);
        var file = TextFile.WriteTarget(context.ResolvePath(input.Path));
        Result result;
        try
        {
            result = Apply(file, edits);
        }
        catch (ConfigProblem problem)
        {
            throw problem.ToFailure(context.Redactor);
        }

        if (result.Changed)
        {
            await AtomicFile.WriteAsync(file, result.Current.Encode(result.Text), cancellationToken).ConfigureAwait(false);
        }

        if (result.Changed)
        {
            context.Log.Info("Set {Count} value(s) in {File}", edits.Count - result.Unchanged.Count, context.Redactor.Redact(file));
        }
        else
        {
            context.Log.Info("{File} already had the {Count} value(s); not rewritten", context.Redactor.Redact(file), edits.Count);
        }
        return new Output { Changed = result.Changed, Previous = result.Previous };
    }

    public override Task<ActivityPlan> PlanAsync(Input input, ActivityContext context, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var edits = Edits(input);
        var file = TextFile.WriteTarget(context.ResolvePath(input.Path));
        var redactor = context.Redactor;
        Result result;
        try
        {
            result = Apply(file, edits);
        }
        catch (ConfigProblem problem)
        {
            return Task.FromResult(ConfigPlans.WouldFail($"set {edits.Count} value(s) in {file}", problem, redactor));
        }

        if (!result.Changed)
        {
            return Task.FromResult(ConfigPlans.Unchanged(file, $"{file} already has the {edits.Count} value(s); nothing to change", redactor));
        }

        var changes = edits
            .Where(e => !result.Unchanged.Contains(e.Path.Text))
            .Select(e => $"{e.Path}: {Show(result.Previous, e.Path.Text)} → {YamlText.Inline(e.Value, inFlow: true)}");
        var detail = string.Join("\n", changes) + "\n" + LineDiff.Unified(result.Current.Text, result.Text);
        return Task.FromResult(ConfigPlans.Write(file, $"set {edits.Count - result.Unchanged.Count} value(s) in {file}", "\n" + detail, result.Current.Encode(result.Text).LongLength, redactor));
    }

    private static string Show(IReadOnlyDictionary<string, object?> previous, string path) =>
        previous.TryGetValue(path, out var value) && value is not null ? YamlText.Inline(value, inFlow: true) : "(absent)";

    private static List<(YamlPath Path, object? Value)> Edits(Input input)
    {
        if (input.Set.Count == 0)
        {
            throw new ActivityInputException("set", "a mapping of paths to values", "input 'set' is empty: give at least one path and value");
        }

        var edits = new List<(YamlPath, object?)>();
        foreach (var (text, value) in input.Set)
        {
            try
            {
                edits.Add((YamlPath.Parse(text), YamlText.Plain(value)));
            }
            catch (FormatException ex)
            {
                throw new ActivityInputException("set", "paths such as a.b, nodes[0].Address or labels[\"x.y\"]", $"input 'set': '{text}' is not a path: {ex.Message}");
            }
            catch (ActivityInputException ex)
            {
                throw new ActivityInputException("set", ex.Expected, $"input 'set': the value for '{text}': {ex.Message}");
            }
        }

        return edits;
    }

    /// <summary>The edits applied one by one to the text, then checked against the same edits applied to the document's values.</summary>
    private static Result Apply(string file, List<(YamlPath Path, object? Value)> edits)
    {
        var current = TextFile.Read(file);
        var document = YamlValues.Of(YamlTree.Parse(current.Text, file), file);
        var text = current.Text;
        var expected = document;
        var previous = new Dictionary<string, object?>(StringComparer.Ordinal);
        var unchanged = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (path, value) in edits)
        {
            var present = YamlValues.TryGet(expected, path, out var old);
            previous[path.Text] = YamlValues.TryGet(document, path, out var original) ? original : null;
            if (present && YamlValues.Same(old, value))
            {
                // Already so: leave its text alone, however it is written (0x50, "80", …).
                unchanged.Add(path.Text);
                continue;
            }

            text = YamlEditor.Set(YamlTree.Parse(text, file), path, value);
            expected = YamlValues.With(expected, path, value);
        }

        if (!YamlValues.Same(YamlValues.Of(YamlTree.Parse(text, file), file), expected))
        {
            throw new ConfigProblem(ConfigProblem.Unsupported,
                $"setting {string.Join(", ", edits.Select(e => e.Path.Text))} in {file} would also change other values (the layout around them is too unusual to edit in place); use yaml.write to rewrite the file");
        }

        return new Result(current, text, text != current.Text, previous, unchanged);
    }

    private sealed record Result(TextFile Current, string Text, bool Changed, IReadOnlyDictionary<string, object?> Previous, HashSet<string> Unchanged);

    internal sealed record Input
    {
        [Description("YAML file to edit; it must exist. A symbolic link is followed and its target edited.")]
        public required string Path { get; init; }

        [Description("Values to set, by path: keys joined by dots, list indexes in brackets, keys with dots quoted in brackets, e.g. {\"[1].Address\": \"127.0.0.1:9002\", \"meta.port\": 34601, \"labels[\\\"app.kubernetes.io/name\\\"]\": x}. Missing keys are added; list items must exist.")]
        public required IReadOnlyDictionary<string, object?> Set { get; init; }
    }

    internal sealed record Output
    {
        [Description("Whether the file was written (false when every path already had its value).")]
        public bool Changed { get; init; }

        [Description("The value each path had before, by path; null where it was absent.")]
        public IReadOnlyDictionary<string, object?> Previous { get; init; } = new Dictionary<string, object?>();
    }
}
