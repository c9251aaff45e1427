using System.CommandLine;
using RunbookEngine.Activities;
using RunbookEngine.Diagnostics;
using RunbookEngine.Format;
using RunbookEngine.Loading;
using Spectre.Console;

namespace RunbookEngine.Cli.Commands;

internal static class ActivitiesCommand
{
    public static Command Create(CliContext context)
    {
        var name = new Argument<string?>("name") { Description = "Show one activity's inputs and outputs", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("activities", "List the activities runbooks can use, with their traits") { name };
        command.SetAction(parse =>
        {
            var wanted = parse.GetValue(name);
            if (wanted is null)
            {
                var table = new Table().Border(TableBorder.Simple).AddColumns("ACTIVITY", "TRAITS", "DESCRIPTION");
                foreach (var a in context.Activities.All)
                {
                    table.AddRow(Markup.Escape(a.Name), Traits(a.Traits), Markup.Escape(a.Description));
                }

                context.Console.Write(table);
                return ExitCodes.Success;
            }

            var activity = context.Activities.Find(wanted);
            if (activity is null)
            {
                context.Printer.Print([new Diagnostic(DiagnosticCodes.UnknownActivity, SourceSpan.WholeFile(wanted), string.Empty, $"unknown activity '{wanted}'",
                    Suggestions.Hint(wanted, context.Activities.Names, "activities"))], []);
                return ExitCodes.InvalidInput;
            }

            context.Console.MarkupLine($"[bold]{Markup.Escape(activity.Name)}[/]  ({Traits(activity.Traits)})");
            context.Console.WriteLine(activity.Description);
            Fields(context.Console, "Inputs (with:)", activity.Inputs);
            Fields(context.Console, "Outputs (steps.<id>.outputs)", activity.Outputs);
            return ExitCodes.Success;
        });
        return command;
    }

    private static void Fields(IAnsiConsole console, string title, IReadOnlyList<ActivityField> fields)
    {
        if (fields.Count == 0)
        {
            console.WriteLine($"{title}: none");
            return;
        }

        var table = new Table().Border(TableBorder.Simple).Title(title).AddColumns("NAME", "TYPE", "REQUIRED", "DESCRIPTION");
        foreach (var f in fields)
        {
            table.AddRow(Markup.Escape(f.Name), Markup.Escape(TypeName(f.Shape)), f.Required ? "yes" : "no", Markup.Escape(f.Description ?? string.Empty));
        }

        console.Write(table);
    }

    /// <summary>A field's type the way 'show' writes parameter types: list&lt;string&gt;, duration, enum(info|warning).</summary>
    private static string TypeName(Shape shape) => shape switch
    {
        ScalarShape { Values.Count: > 0 } s => $"enum({string.Join('|', s.Values)})",
        ScalarShape { Pattern: Durations.Pattern } => "duration",
        ScalarShape s => s.Kind == ScalarKind.Any ? "scalar" : s.Kind.ToString().ToLowerInvariant(),
        ListShape l => $"list<{TypeName(l.Items)}>",
        MapShape m => $"map<{TypeName(m.Values)}>",
        ObjectShape => "object",
        UnionShape u => string.Join(" or ", u.Options.Select(TypeName).Distinct()),
        AnyShape => "any",
        _ => shape.Expected,
    };

    private static string Traits(ActivityTraits traits) =>
        traits == ActivityTraits.None ? "-" : string.Join(", ", Enum.GetValues<ActivityTraits>().Where(t => t != ActivityTraits.None && traits.HasFlag(t)).Select(t => t.ToString().ToLowerInvariant()));
}
