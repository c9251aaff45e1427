using System.Diagnostics;

namespace RunbookEngine.Cowsql.EndToEnd.Tests.Support;

/// <summary>The real `runbook` CLI (runbook.dll beside the tests) run as its own process against the repository's catalog.</summary>
internal static class RunbookCli
{
    private static readonly string Dll = Path.Combine(AppContext.BaseDirectory, "runbook.dll");

    public static string Catalog { get; } = FindCatalog();

    public static (int Exit, string Out, string Err) Run(string workingDirectory, params string[] args) =>
        Tool.Run("dotnet", [Dll, .. args], workingDirectory, TimeSpan.FromMinutes(4));

    public static Process Start(string workingDirectory, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Dll);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        return Process.Start(info)!;
    }

    private static string FindCatalog()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "RunbookEngine.sln")))
            {
                return Path.Combine(dir.FullName, "runbooks");
            }
        }

        throw new InvalidOperationException("runbooks/ not found above " + AppContext.BaseDirectory);
    }
}
