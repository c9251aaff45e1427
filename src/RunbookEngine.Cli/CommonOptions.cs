using System.CommandLine;

namespace RunbookEngine.Cli;

internal static class CommonOptions
{
    public static readonly Option<string?> Catalog = new("--catalog")
    {
        Description = "Catalog folder (default: $RUNBOOK_CATALOG, else the nearest 'runbooks' folder)",
        Recursive = true,
        HelpName = "dir",
    };

    public static readonly Option<bool> Json = new("--json") { Description = "Print JSON for scripts" };
}
