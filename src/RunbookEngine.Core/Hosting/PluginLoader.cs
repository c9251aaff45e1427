using System.Reflection;
using System.Runtime.Loader;
using RunbookEngine.Activities;

namespace RunbookEngine.Hosting;

/// <summary>
/// Activity plugins: every <c>*.dll</c> in a folder is loaded into the default load context (so it shares this
/// RunbookEngine.Core with the host) and each concrete <see cref="IActivity"/> with a parameterless constructor
/// is instantiated. A file that cannot be loaded is reported and skipped: one broken plugin must not take the
/// whole CLI down during an incident.
/// </summary>
public static class PluginLoader
{
    /// <summary>The folder searched by default: $RUNBOOK_PLUGINS, else 'plugins' next to the executable.</summary>
    public static string DefaultDirectory() =>
        Environment.GetEnvironmentVariable("RUNBOOK_PLUGINS") is { Length: > 0 } fromEnv
            ? fromEnv
            : Path.Combine(AppContext.BaseDirectory, "plugins");

    public static IReadOnlyList<IActivity> Load(string directory, List<string> problems)
    {
        var activities = new List<IActivity>();
        if (!Directory.Exists(directory))
        {
            return activities;
        }

        foreach (var file in Directory.EnumerateFiles(directory, "*.dll").Order(StringComparer.Ordinal))
        {
            Assembly assembly;
            try
            {
                assembly = AssemblyLoadContext.Default.LoadFromAssemblyPath(Path.GetFullPath(file));
            }
            catch (Exception ex) when (ex is BadImageFormatException or FileLoadException or FileNotFoundException)
            {
                problems.Add($"{file}: not a loadable .NET assembly ({ex.Message})");
                continue;
            }

            foreach (var type in LoadableTypes(assembly, file, problems))
            {
                if (type is { IsAbstract: false, IsInterface: false } && typeof(IActivity).IsAssignableFrom(type)
                    && type.GetConstructor(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance, Type.EmptyTypes) is { } constructor)
                {
                    try
                    {
                        activities.Add((IActivity)constructor.Invoke(null));
                    }
                    catch (TargetInvocationException ex)
                    {
                        problems.Add($"{file}: {type.FullName} could not be created: {ex.InnerException?.Message}");
                    }
                }
            }
        }

        return activities;
    }

    /// <summary>Registers the plugins of a folder with the engine's container.</summary>
    public static RunbookEngineBuilder AddPlugins(this RunbookEngineBuilder builder, string directory, List<string> problems) =>
        builder.AddActivities(Load(directory, problems));

    private static IEnumerable<Type> LoadableTypes(Assembly assembly, string file, List<string> problems)
    {
        try
        {
            return assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException ex)
        {
            problems.Add($"{file}: some types could not be loaded ({ex.LoaderExceptions.FirstOrDefault()?.Message})");
            return ex.Types.OfType<Type>();
        }
    }
}
