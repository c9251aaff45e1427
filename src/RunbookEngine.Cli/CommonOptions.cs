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

    public static readonly Option<string[]> Parameters = new("--param", "-p")
    {
        Description = "A parameter value name=value (repeatable; lists and objects in YAML flow syntax)",
        HelpName = "name=value",
        AllowMultipleArgumentsPerToken = false,
    };

    public static readonly Option<string?> ParamsFile = new("--params") { Description = "YAML file of parameter values (-p wins)", HelpName = "file" };

    public static readonly Option<string?> StateDir = new("--state-dir")
    {
        Description = "Where runs are kept (default: $RUNBOOK_STATE_DIR, else ~/.local/state/runbook)",
        HelpName = "dir",
    };

    public static readonly Option<bool> Json = new("--json") { Description = "Print JSON for scripts" };
}
