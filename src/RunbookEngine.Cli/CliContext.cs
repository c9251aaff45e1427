using System.CommandLine;
using RunbookEngine.Activities;
using RunbookEngine.Catalog;
using RunbookEngine.Cli.Output;
using RunbookEngine.Diagnostics;
using RunbookEngine.Loading;
using RunbookEngine.Model;
using Spectre.Console;

namespace RunbookEngine.Cli;

/// <summary>What every command needs: output, activities, and the catalog in use.</summary>
internal sealed class CliContext(CliEnvironment env, Task<IActivityCatalog> activities)
{
    private readonly Dictionary<string, RunbookCatalog> _catalogs = new(StringComparer.Ordinal);

    public CliContext(CliEnvironment env, IActivityCatalog activities)
        : this(env, Task.FromResult(activities))
    {
    }

    public CliEnvironment Env { get; } = env;

    /// <summary>The shared options of this context's command tree (one set per tree, see <see cref="CommonOptions"/>).</summary>
    public CommonOptions Options { get; } = new();

    /// <summary>The activities, once their construction (started before the command line was parsed) has finished.</summary>
    public IActivityCatalog Activities => activities.GetAwaiter().GetResult();

    public IAnsiConsole Console => ConsoleFactory.Create(Env.Out, Env.IsTerminal);

    public DiagnosticPrinter Printer => new(Env.Error, Env.IsTerminal);

    /// <summary>The catalog named by --catalog or $RUNBOOK_CATALOG, or found above <paramref name="near"/>.</summary>
    public RunbookCatalog? CatalogFor(ParseResult parse, string? near = null)
    {
        var root = parse.GetValue(Options.Catalog);
        if (string.IsNullOrEmpty(root))
        {
            root = Environment.GetEnvironmentVariable("RUNBOOK_CATALOG");
        }

        if (string.IsNullOrEmpty(root))
        {
            root = RunbookCatalog.Discover(near ?? Env.WorkingDirectory);
        }

        if (root is null)
        {
            return null;
        }

        root = Path.GetFullPath(root, Env.WorkingDirectory);
        if (!_catalogs.TryGetValue(root, out var catalog))
        {
            catalog = RunbookCatalog.Open(root, Activities);
            _catalogs[root] = catalog;
        }

        return catalog;
    }

    /// <summary>Where called runbooks are found while a run executes: the catalog the runbook belongs to, else the default one.</summary>
    public IRunbookResolver? ResolverFor(ParseResult parse, Runbook runbook) =>
        CatalogFor(parse, Path.GetDirectoryName(Path.GetFullPath(runbook.File, Env.WorkingDirectory)));

    public Runs.RunStore StoreFor(ParseResult parse) =>
        new(Runs.DefaultStateDirectory.Resolve(parse.GetValue(Options.StateDir) is { } dir ? Path.GetFullPath(dir, Env.WorkingDirectory) : null));

    /// <summary>
    /// A runbook named by path or by catalog reference (<c>cowsql/restore@1.0.0</c>), fully checked.
    /// Reports and returns null when it cannot be had or has errors.
    /// </summary>
    public Runbook? LoadRunbook(ParseResult parse, string argument)
    {
        var path = Path.GetFullPath(argument, Env.WorkingDirectory);
        LoadResult result;
        if (File.Exists(path))
        {
            var catalog = CatalogFor(parse, Path.GetDirectoryName(path));
            result = catalog?.LoadChecked(path) ?? new RunbookLoader(Activities).LoadFile(path);
        }
        else if (RunbookReference.TryParse(argument, out var reference, out _) && CatalogFor(parse) is { } catalog)
        {
            if (catalog.Select(reference, out var error, out var hint) is not { } entry)
            {
                Printer.Print([new Diagnostic(DiagnosticCodes.RunbookNotFound, SourceSpan.WholeFile(argument), string.Empty, error!, hint)], []);
                return null;
            }

            result = catalog.LoadChecked(entry.Path);
        }
        else
        {
            var folder = Directory.Exists(Path.GetFullPath(argument, Env.WorkingDirectory));
            Printer.Print([new Diagnostic(DiagnosticCodes.RunbookNotFound, SourceSpan.WholeFile(argument), string.Empty,
                folder ? $"'{argument}' is a folder; this command takes one runbook" : $"'{argument}' is neither a file nor a runbook in the catalog",
                "give a path to a .yaml file or a catalog name such as cowsql/restore-new-config; 'runbook list' shows the catalog")], []);
            return null;
        }

        if (result.HasErrors)
        {
            Printer.Print(result.Diagnostics, result.Source is null ? [] : [result.Source]);
            return null;
        }

        return result.Runbook;
    }
}
