using System.CommandLine;

namespace RunbookEngine.Cli;

/// <summary>
/// The options several commands share. One set per command tree (see <see cref="CliContext.Options"/>), never static:
/// System.CommandLine records every command an option is added to in the option itself, so a static option would keep
/// every command tree ever built, and all it references, alive for the life of the process.
/// </summary>
internal sealed class CommonOptions
{
    public readonly Option<string?> Catalog = new("--catalog")
    {
        Description = "Catalog folder (default: $RUNBOOK_CATALOG, else the nearest 'runbooks' folder)",
        Recursive = true,
        HelpName = "dir",
    };

    public readonly Option<string[]> Parameters = new("--param", "-p")
    {
        Description = "A parameter value name=value (repeatable; lists and objects in YAML flow syntax)",
        HelpName = "name=value",
        AllowMultipleArgumentsPerToken = false,
    };

    public readonly Option<string?> ParamsFile = new("--params") { Description = "YAML file of parameter values (-p wins)", HelpName = "file" };

    public readonly Option<string?> StateDir = new("--state-dir")
    {
        Description = "Where runs are kept (default: $RUNBOOK_STATE_DIR, else ~/.local/state/runbook)",
        HelpName = "dir",
    };

    public readonly Option<bool> Json = new("--json") { Description = "Print JSON for scripts" };

    public readonly Option<bool> Yes = new("--yes", "-y") { Description = "Approve every approval gate (recorded as approved by you with --yes)" };
}
