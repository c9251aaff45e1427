using System.ComponentModel;
using RunbookEngine.Activities.Context;
using RunbookEngine.Activities.Planning;

namespace RunbookEngine.Activities.Config;

/// <summary>
/// Writes a whole YAML document from a value, e.g. cowsql's cluster.yaml from a node list or a node's info.yaml.
/// The text is checked to read back as the value before anything is written, then replaces the file atomically.
/// </summary>
internal sealed class YamlWrite : Activity<YamlWrite.Input, YamlWrite.Output>
{
    public override string Name => "yaml.write";

    public override string Description => "Writes a YAML file from a value (keys in the order given), atomically; the plan shows the text and a diff.";

    public override ActivityTraits Traits => ActivityTraits.Idempotent;

    public override async Task<Output> ExecuteAsync(Input input, ActivityContext context, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var change = Prepare(input, context);
        if (change.Problem is { } problem)
        {
            throw problem.ToFailure(context.Redactor);
        }

        var bytes = change.Bytes();
        if (change.Current?.Text == change.Text)
        {
            context.Log.Info("{File} already has this content; not rewritten", context.Redactor.Redact(change.File));
            return new Output { Changed = false, Bytes = bytes.LongLength };
        }

        await AtomicFile.WriteAsync(change.File, bytes, cancellationToken).ConfigureAwait(false);
        context.Log.Info("Wrote {File} ({Bytes} bytes)", context.Redactor.Redact(change.File), bytes.LongLength);
        return new Output { Changed = true, Bytes = bytes.LongLength };
    }

    public override Task<ActivityPlan> PlanAsync(Input input, ActivityContext context, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var change = Prepare(input, context);
        var redactor = context.Redactor;
        if (change.Problem is { } problem)
        {
            return Task.FromResult(ConfigPlans.WouldFail($"write {change.File}", problem, redactor));
        }

        var lines = change.Text.Count(c => c == '\n');
        if (change.Current?.Text == change.Text)
        {
            return Task.FromResult(ConfigPlans.Unchanged(change.File, $"{change.File} already has this content ({lines} lines); nothing to write", redactor));
        }

        // The whole file as a diff: the reviewer sees the resulting text and, for an existing file, what changes.
        var diff = LineDiff.Unified(change.Current?.Text ?? string.Empty, change.Text, LineDiff.WholeFile);
        var verb = change.Current is null ? "create" : "replace";
        return Task.FromResult(ConfigPlans.Write(change.File, $"{verb} {change.File} ({lines} lines of YAML)", "\n" + diff, change.Bytes().LongLength, redactor));
    }

    private static Change Prepare(Input input, ActivityContext context)
    {
        if (!YamlText.IsCollection(input.Value))
        {
            throw new ActivityInputException("value", "a mapping or a list", "input 'value' must be a mapping or a list: a config file's document");
        }

        var file = TextFile.WriteTarget(context.ResolvePath(input.Path));
        var text = YamlText.Document(input.Value);
        try
        {
            if (Path.GetDirectoryName(file) is { } folder && !Directory.Exists(folder))
            {
                throw new ConfigProblem(ConfigProblem.NotFound, $"the folder {folder} does not exist");
            }

            if (Directory.Exists(file))
            {
                throw new ConfigProblem(ConfigProblem.NotFound, $"{file} is a folder, not a file");
            }

            // Belt and braces: the file must mean exactly the value, or a quoting mistake would silently change a type.
            if (!YamlValues.Same(YamlValues.Of(YamlTree.Parse(text, file), file), YamlText.Plain(input.Value)))
            {
                throw new ConfigProblem(ConfigProblem.Unsupported, "the value cannot be written as YAML that reads back the same");
            }

            return new Change(file, text, TextFile.TryReadForDiff(file), null);
        }
        catch (ConfigProblem problem)
        {
            return new Change(file, text, null, problem);
        }
    }

    private sealed record Change(string File, string Text, TextFile? Current, ConfigProblem? Problem)
    {
        public byte[] Bytes() => (Current ?? new TextFile(File, string.Empty, ByteOrderMark: false)).Encode(Text);
    }

    internal sealed record Input
    {
        [Description("YAML file to write; its folder must exist. A symbolic link is followed and its target replaced.")]
        public required string Path { get; init; }

        [Description("The document: a mapping or a list, e.g. a node list [{Address: 127.0.0.1:9001, ID: 1, Role: 0}]. Keys are written in the order given.")]
        public required object Value { get; init; }
    }

    internal sealed record Output
    {
        [Description("Whether the file was written (false when it already had exactly this content).")]
        public bool Changed { get; init; }

        [Description("Size of the file in bytes.")]
        public long Bytes { get; init; }
    }
}
