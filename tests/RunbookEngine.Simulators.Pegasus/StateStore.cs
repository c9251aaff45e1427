namespace RunbookEngine.Simulators.Pegasus;

/// <summary>
/// Serialises invocations on one state file: a sibling <c>.lock</c> file opened with FileShare.None, retried for a
/// while, so two shells started at once (the engine's parallel steps, a test reading state) never interleave.
/// </summary>
public sealed class StateStore(string path)
{
    private static readonly TimeSpan LockWait = TimeSpan.FromSeconds(20);

    public string Path { get; } = path;

    public static StateStore FromEnvironment()
    {
        var path = Environment.GetEnvironmentVariable(SimState.EnvironmentVariable);
        if (string.IsNullOrEmpty(path))
        {
            throw new SimulatorUsageException($"pegasus-sim: set {SimState.EnvironmentVariable} to the simulator's state file");
        }

        return new StateStore(path);
    }

    /// <summary>Loads, lets <paramref name="change"/> edit, saves (only when it says so), all under the lock.</summary>
    public T Update<T>(Func<SimState, (T Result, bool Changed)> change)
    {
        using var handle = Acquire();
        var state = SimState.Load(Path);
        var (result, changed) = change(state);
        if (changed)
        {
            state.Save(Path);
        }

        return result;
    }

    private FileStream Acquire()
    {
        var deadline = DateTime.UtcNow + LockWait;
        while (true)
        {
            try
            {
                return new FileStream(Path + ".lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(20);
            }
        }
    }
}

/// <summary>Bad invocation of the simulator itself (not of the simulated tool).</summary>
public sealed class SimulatorUsageException(string message) : Exception(message);
