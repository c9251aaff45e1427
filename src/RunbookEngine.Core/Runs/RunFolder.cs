namespace RunbookEngine.Runs;

/// <summary>
/// The files of one run, <c>&lt;state dir&gt;/runs/&lt;run id&gt;/</c>. Everything a resume needs lives here, so
/// a run folder can be copied to another machine (or attached to an incident ticket) as it is.
/// </summary>
internal sealed record RunFolder(string Directory)
{
    public string Id => Path.GetFileName(Directory);

    /// <summary>The runbook text exactly as it was when the run was created; resume runs this, not the catalog.</summary>
    public string RunbookFile => Path.Combine(Directory, "runbook.yaml");

    public string ManifestFile => Path.Combine(Directory, "run.json");

    public string ParametersFile => Path.Combine(Directory, "params.json");

    public string JournalFile => Path.Combine(Directory, "journal.jsonl");

    /// <summary>Where the CLI writes the run's Serilog JSON log. The store itself never writes it.</summary>
    public string LogFile => Path.Combine(Directory, "log.jsonl");

    public string LockFile => Path.Combine(Directory, RunLock.FileName);
}
