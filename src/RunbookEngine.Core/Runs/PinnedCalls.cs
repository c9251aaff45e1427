using System.Text;
using System.Text.Json;
using RunbookEngine.Loading;
using RunbookEngine.Model;

namespace RunbookEngine.Runs;

/// <summary>A runbook that a run calls (directly or through another call), pinned as the text it had when the run began.</summary>
/// <param name="Reference">The call target as written (<c>cowsql/find-most-up-to-date@1.0.0</c>, or a bare name).</param>
internal sealed record PinnedCall(string Reference, string Identity, string Text);

/// <summary>
/// Called runbooks are pinned next to the top-level one (<c>called/</c> in the run folder, with an index from call
/// target to file), so a resume runs exactly the procedure that started, even if the catalog changed or the
/// operator resumes from another directory.
/// </summary>
internal static class PinnedCalls
{
    public const string DirectoryName = "called";
    public const string IndexName = "index.json";

    /// <summary>Every runbook reachable through calls from <paramref name="root"/>, each target once.</summary>
    public static IReadOnlyList<PinnedCall> Collect(Runbook root, IRunbookResolver? resolver)
    {
        var pinned = new Dictionary<string, PinnedCall>(StringComparer.Ordinal);
        if (resolver is null)
        {
            return [];
        }

        var pending = new Queue<Runbook>([root]);
        while (pending.TryDequeue(out var runbook))
        {
            foreach (var call in runbook.AllSteps().OfType<CallStep>())
            {
                var key = call.Target.ToString();
                if (pinned.ContainsKey(key) || resolver.Resolve(call.Target).Runbook is not { } callee)
                {
                    continue;
                }

                pinned[key] = new PinnedCall(key, callee.Identity, callee.Text);
                pending.Enqueue(callee);
            }
        }

        return pinned.Values.ToList();
    }

    public static string FileName(PinnedCall call) => call.Identity.Replace('/', '_') + ".yaml";

    public static byte[] Index(IEnumerable<PinnedCall> calls) =>
        JsonSerializer.SerializeToUtf8Bytes(calls.ToDictionary(c => c.Reference, FileName, StringComparer.Ordinal), new JsonSerializerOptions { WriteIndented = true });
}

/// <summary>
/// Resolves calls from a run folder's pinned copies; a run created before calls were pinned (no index) falls back
/// to the operator's catalog, which is only opened (every runbook in it read) in that case.
/// </summary>
internal sealed class PinnedCallResolver : IRunbookResolver
{
    private readonly string _folder;
    private readonly IReadOnlyDictionary<string, string>? _index;
    private readonly Lazy<IRunbookResolver?> _fallback;
    private readonly RunbookLoader _loader;
    private readonly Dictionary<string, RunbookResolution> _loaded = new(StringComparer.Ordinal);

    public PinnedCallResolver(string runDirectory, Activities.IActivityCatalog activities, Func<IRunbookResolver?> fallback)
    {
        _folder = Path.Combine(runDirectory, PinnedCalls.DirectoryName);
        var index = Path.Combine(_folder, PinnedCalls.IndexName);
        _index = File.Exists(index) ? JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllBytes(index)) : null;
        _fallback = new Lazy<IRunbookResolver?>(fallback);
        _loader = new RunbookLoader(activities, this);
    }

    /// <summary>Whether the run folder pins its calls (runs created by older versions do not).</summary>
    public bool HasPins => _index is not null;

    /// <summary>A loader whose call checks resolve through the pins.</summary>
    public RunbookLoader Loader => _loader;

    public RunbookResolution Resolve(RunbookReference reference)
    {
        if (_index is null)
        {
            return _fallback.Value?.Resolve(reference) ?? new RunbookResolution(null, $"runbook '{reference}' cannot be loaded");
        }

        var key = reference.ToString();
        if (_loaded.TryGetValue(key, out var known))
        {
            return known;
        }

        if (!_index.TryGetValue(key, out var file))
        {
            return new RunbookResolution(null, $"runbook '{key}' was not pinned when the run began", "the run folder's called/index.json lists the calls it pinned");
        }

        var path = Path.Combine(_folder, Path.GetFileName(file));
        var result = _loader.Load(new Syntax.SourceText(path, File.ReadAllText(path, Encoding.UTF8)), checkCalls: false);
        var resolution = result.Runbook is { } runbook && !result.Diagnostics.Any(d => d.IsError)
            ? new RunbookResolution(runbook)
            : new RunbookResolution(null, $"the pinned copy of '{key}' no longer loads: {string.Join("; ", result.Diagnostics.Where(d => d.IsError).Select(d => d.Message))}", Invalid: true);
        _loaded[key] = resolution;
        return resolution;
    }
}
