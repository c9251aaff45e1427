using RunbookEngine.Runs;

namespace RunbookEngine.Activities.Files;

/// <summary>
/// What no file activity removes, moves away or replaces, whatever its inputs say: the root of the file system, and
/// the runbook state directory (it holds the journals that make resume possible, this run's included).
/// Both where <c>$RUNBOOK_STATE_DIR</c> points and the default location are protected, since either may be in use.
/// </summary>
internal sealed class ProtectedPaths(Func<IReadOnlyList<string>> stateDirectories)
{
    public const string ErrorType = "fs.protected";

    public static ProtectedPaths Default { get; } = new(DefaultStateDirectories);

    /// <summary>Why <paramref name="realPath"/> (links resolved, see <see cref="RealPath"/>) must not be touched, or null.</summary>
    public string? Problem(string realPath)
    {
        if (Path.TrimEndingDirectorySeparator(realPath) == Path.GetPathRoot(realPath))
        {
            return $"refusing to touch {realPath}: it is the root of the file system";
        }

        foreach (var state in stateDirectories())
        {
            var real = RealPath.Of(Path.GetFullPath(state));
            if (RealPath.IsSameOrInside(realPath, real))
            {
                var where = Path.TrimEndingDirectorySeparator(realPath) == Path.TrimEndingDirectorySeparator(real) ? "is" : "is in";
                return $"refusing to touch {realPath}: it {where} the runbook state directory {state}, which holds the runs' journals";
            }

            if (RealPath.IsSameOrInside(real, realPath))
            {
                return $"refusing to touch {realPath}: it contains the runbook state directory {state}, which holds the runs' journals";
            }
        }

        return null;
    }

    private static IReadOnlyList<string> DefaultStateDirectories()
    {
        var found = new List<string>();
        try
        {
            found.Add(DefaultStateDirectory.Resolve(null));

            // The location used when the variable is not set, in case another run uses it.
            var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
            found.Add(DefaultStateDirectory.Resolve(null, name => name == DefaultStateDirectory.EnvironmentVariable ? null : Environment.GetEnvironmentVariable(name), home));
        }
        catch (InvalidOperationException)
        {
            // No home directory: the variable, if set, was already added; there is no default to protect.
        }

        return found.Distinct(StringComparer.Ordinal).ToList();
    }
}
