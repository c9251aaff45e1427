using System.Text;
using RunbookEngine.Journal;

namespace RunbookEngine.Runs;

/// <summary>
/// A run opened for driving: its lock is held and its journal is open for appending. Dispose it when the
/// process stops driving the run (finished, paused, interrupted); that closes the journal and releases the lock.
/// </summary>
internal sealed class RunSession(RunFolder folder, RunManifest manifest, RunLock runLock, JournalWriter journal) : IDisposable
{
    public string Id => Folder.Id;

    public RunFolder Folder { get; } = folder;

    public RunManifest Manifest { get; } = manifest;

    public RunLock Lock { get; } = runLock;

    public JournalWriter Journal { get; } = journal;

    /// <summary>The journal as it was when the run was opened; what resume continues from.</summary>
    public RunHistory History { get; } = RunHistory.Replay(journal.Existing.Entries);

    /// <summary>E.g. the torn last record that opening cut off; show these to the operator.</summary>
    public IReadOnlyList<JournalWarning> Warnings => Journal.Existing.Warnings;

    /// <summary>The pinned runbook text, checked against the manifest's hash when the run was opened.</summary>
    public string ReadRunbookText() => Encoding.UTF8.GetString(File.ReadAllBytes(Folder.RunbookFile));

    public PinnedParameters ReadParameters() => PinnedParameters.Read(Folder.ParametersFile);

    public void Dispose()
    {
        Journal.Dispose();
        Lock.Dispose();
    }
}
