using System.CommandLine;
using RunbookEngine.Cli.Output;
using RunbookEngine.Diagnostics;
using RunbookEngine.Model;

namespace RunbookEngine.Cli.Commands;

internal static class NewCommand
{
    public const string TestsProject = "tests/RunbookEngine.Runbooks.Tests";

    public static Command Create(CliContext context)
    {
        var name = new Argument<string>("name") { Description = "Catalog name <system>/<name>, e.g. cowsql/repair-node" };
        var force = new Option<bool>("--force") { Description = "Overwrite existing files" };
        var testsDir = new Option<string?>("--tests-dir") { Description = $"Where the test goes (default: {TestsProject} next to the catalog)", HelpName = "dir" };
        var command = new Command("new", "Scaffold a runbook that validates, and a test for it") { name, force, testsDir };
        command.SetAction(parse => Run(context, parse, parse.GetValue(name)!, parse.GetValue(force), parse.GetValue(testsDir)));
        return command;
    }

    private static int Run(CliContext context, ParseResult parse, string name, bool force, string? testsDir)
    {
        if (!RunbookReference.TryParse(name, out var reference, out var error) || reference.Version is not null)
        {
            return Fail(context, DiagnosticCodes.InvalidArgument, name, error ?? "give the name without a version", "e.g. runbook new cowsql/repair-node");
        }

        var catalogRoot = parse.GetValue(context.Options.Catalog) is { Length: > 0 } c
            ? Path.GetFullPath(c, context.Env.WorkingDirectory)
            : Catalog.RunbookCatalog.Discover(context.Env.WorkingDirectory) ?? Path.Combine(context.Env.WorkingDirectory, "runbooks");
        var runbookPath = Path.Combine(catalogRoot, reference.Name + ".yaml");
        var testsRoot = testsDir is not null
            ? Path.GetFullPath(testsDir, context.Env.WorkingDirectory)
            : Path.Combine(Path.GetDirectoryName(catalogRoot)!, TestsProject);
        var testPath = Path.Combine(testsRoot, "Scaffolded", Scaffold.TestClassName(reference.Name) + ".cs");

        foreach (var path in new[] { runbookPath, testPath })
        {
            if (File.Exists(path) && !force)
            {
                return Fail(context, DiagnosticCodes.TargetExists, Loading.RunbookLoader.DisplayPath(path), "the file already exists; nothing was written",
                    "choose another name, or pass --force to overwrite");
            }
        }

        // Check the scaffold before writing anything, so a failure leaves the disk untouched.
        var text = Scaffold.Runbook(reference.Name);
        var check = context.CatalogFor(parse)?.Loader ?? new Loading.RunbookLoader(context.Activities);
        var result = check.Load(new Syntax.SourceText(Loading.RunbookLoader.DisplayPath(runbookPath), text));
        if (result.HasErrors)
        {
            context.Printer.Print(result.Diagnostics, [result.Source!]);
            return ExitCodes.RunFailed;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(runbookPath)!);
        File.WriteAllText(runbookPath, text);
        context.Env.Out.WriteLine($"created {Loading.RunbookLoader.DisplayPath(runbookPath)} (valid)");
        if (Directory.Exists(testsRoot))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(testPath)!);
            File.WriteAllText(testPath, Scaffold.Test(reference.Name));
            context.Env.Out.WriteLine($"created {Loading.RunbookLoader.DisplayPath(testPath)}");
        }
        else
        {
            context.Env.Out.WriteLine($"no test written: {Loading.RunbookLoader.DisplayPath(testsRoot)} does not exist (use --tests-dir)");
        }

        context.Env.Out.WriteLine($"next: edit the steps, then 'runbook validate {Loading.RunbookLoader.DisplayPath(runbookPath)}'");
        return ExitCodes.Success;
    }

    private static int Fail(CliContext context, DiagnosticDescriptor code, string subject, string message, string hint)
    {
        context.Printer.Print([new Diagnostic(code, SourceSpan.WholeFile(subject), string.Empty, message, hint)], []);
        return ExitCodes.InvalidInput;
    }
}
