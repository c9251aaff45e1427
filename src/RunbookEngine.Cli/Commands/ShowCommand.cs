using System.CommandLine;
using RunbookEngine.Cli.Output;
using RunbookEngine.Model;
using Spectre.Console;

namespace RunbookEngine.Cli.Commands;

internal static class ShowCommand
{
    public static Command Create(CliContext context)
    {
        var runbook = new Argument<string>("runbook") { Description = "File path or catalog name[@version]" };
        var command = new Command("show", "Show a runbook: metadata, parameters with types and defaults, and the step tree") { runbook };
        command.SetAction(parse =>
        {
            var loaded = context.LoadRunbook(parse, parse.GetValue(runbook)!);
            if (loaded is null)
            {
                return ExitCodes.InvalidInput;
            }

            Render(context.Console, loaded);
            return ExitCodes.Success;
        });
        return command;
    }

    internal static void Render(IAnsiConsole console, Runbook runbook)
    {
        var m = runbook.Metadata;
        console.MarkupLine($"[bold]{Markup.Escape(m.Name)}[/] {m.Version}");
        console.WriteLine(m.Title);
        if (m.Source is not null)
        {
            console.WriteLine($"source: {m.Source}");
        }

        if (m.Description is { Length: > 0 } description)
        {
            console.WriteLine();
            console.WriteLine(description.TrimEnd());
        }

        console.WriteLine();
        if (runbook.Parameters.Count == 0)
        {
            console.WriteLine("Parameters: none");
        }
        else
        {
            var table = new Table().Border(TableBorder.Simple).Title("Parameters").AddColumns("NAME", "TYPE", "REQUIRED", "DEFAULT", "DESCRIPTION");
            foreach (var p in runbook.Parameters)
            {
                table.AddRow(
                    Markup.Escape(p.Name),
                    Markup.Escape(p.Type.DisplayName),
                    p.Required ? "yes" : "no",
                    Markup.Escape(p.HasDefault ? ValueText.Format(p.Default) : string.Empty),
                    Markup.Escape(p.Description ?? string.Empty));
            }

            console.Write(table);
        }

        foreach (var type in runbook.Types)
        {
            console.WriteLine($"type {type.Name}: {string.Join(", ", type.Properties.Select(p => $"{p.Name} {p.Type.DisplayName}{(p.Required ? " (required)" : string.Empty)}"))}");
        }

        console.WriteLine();
        var tree = new Tree("Steps");
        AddSteps(tree, runbook.Steps, 1, console.Profile.Width);
        console.Write(tree);
        if (runbook.Compensations.Count > 0)
        {
            var compensations = new Tree("Compensations");
            AddSteps(compensations, runbook.Compensations, 1, console.Profile.Width);
            console.Write(compensations);
        }

        if (runbook.Outputs.Count > 0)
        {
            console.WriteLine();
            console.WriteLine("Outputs: " + string.Join(", ", runbook.Outputs.Select(o => o.Name)));
        }
    }

    /// <summary>
    /// One line per step when it fits; otherwise the annotations ([foreach …], [when …]) go on a line of their own
    /// under the step (as many to a line as fit), so that the console's wrapping cuts an expression
    /// in two only when it is longer than a line by itself.
    /// </summary>
    private static void AddSteps(IHasTreeNodes parent, IEnumerable<Step> steps, int depth, int width)
    {
        const int indent = 4; // "├── " and "│   " per level
        foreach (var step in steps)
        {
            var line = StepText.Describe(step);
            var annotations = StepText.Annotations(step).ToList();
            var text = depth * indent + line.Length <= width || annotations.Count == 0
                ? line
                : StepText.Describe(step, withAnnotations: false) + "\n" + string.Join("\n", Pack(annotations, width - (depth * indent)));
            var node = parent.AddNode(Markup.Escape(text));
            if (step is GroupStep group)
            {
                AddSteps(node, group.Steps, depth + 1, width);
            }
        }
    }

    /// <summary>Annotations joined by two spaces into lines of at most <paramref name="width"/>, greedily; one too long stays whole.</summary>
    private static IEnumerable<string> Pack(IEnumerable<string> annotations, int width)
    {
        var line = string.Empty;
        foreach (var annotation in annotations)
        {
            if (line.Length > 0 && line.Length + 2 + annotation.Length > width)
            {
                yield return line;
                line = string.Empty;
            }

            line = line.Length == 0 ? annotation : line + "  " + annotation;
        }

        if (line.Length > 0)
        {
            yield return line;
        }
    }
}
