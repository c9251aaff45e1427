using RunbookEngine.Journal;

namespace RunbookEngine.Runs;

/// <summary>A run read without taking its lock, for showing its status while another process may drive it.</summary>
internal sealed record RunSnapshot(RunFolder Folder, RunManifest Manifest, JournalReadResult Journal, RunHistory History)
{
    /// <summary>The journal says running, but no process drives the run: the engine died (<see cref="RunLock.IsAbandoned"/>).</summary>
    public bool Abandoned { get; init; }
}
