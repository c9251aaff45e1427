using System.Text.Json;

namespace RunbookEngine.Simulators.Dragonboat;

/// <summary>
/// Reads and writes the state file under an exclusive lock (a FileShare.None lock file, retried), so concurrent
/// simulator invocations (parallel foreach items, the NodeHost processes) never lose each other's updates.
/// </summary>
public static class StateStore
{
    public const string EnvironmentVariable = "DRAGONBOAT_SIM_STATE";

    public static string PathFromEnvironment() =>
        Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } path
            ? Path.GetFullPath(path)
            : throw new SimUsageException($"{EnvironmentVariable} is not set: it names the simulator's state file");

    public static SimState Read(string path)
    {
        using var _ = Lock(path);
        return Load(path);
    }

    /// <summary>Read-modify-write under the lock; <paramref name="change"/> returns whether to write.</summary>
    public static T Update<T>(string path, Func<SimState, (bool Write, T Result)> change)
    {
        using var _ = Lock(path);
        var state = Load(path);
        var (write, result) = change(state);
        if (write)
        {
            Save(path, state);
        }

        return result;
    }

    public static void Write(string path, SimState state)
    {
        using var _ = Lock(path);
        Save(path, state);
    }

    private static SimState Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new SimUsageException($"state file {path} does not exist");
        }

        return JsonSerializer.Deserialize<SimState>(File.ReadAllText(path), SimState.Json)
            ?? throw new SimUsageException($"state file {path} is empty");
    }

    private static void Save(string path, SimState state)
    {
        var temp = path + ".tmp";
        File.WriteAllText(temp, JsonSerializer.Serialize(state, SimState.Json));
        File.Move(temp, path, overwrite: true);
    }

    private static FileStream Lock(string path)
    {
        var lockPath = path + ".lock";
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (attempt < 400)
            {
                Thread.Sleep(25);
            }
        }
    }
}

/// <summary>Bad invocation of the simulator itself (exit 2).</summary>
public sealed class SimUsageException(string message) : Exception(message);
