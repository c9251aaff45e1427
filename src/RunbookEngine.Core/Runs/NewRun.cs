namespace RunbookEngine.Runs;

/// <summary>What a new run pins: the runbook exactly as loaded and the bound parameter values.</summary>
/// <param name="ContentHash">SHA-256 of <paramref name="RunbookText"/> as lower-case hex (Model.Runbook.ContentHash); checked.</param>
/// <param name="Parameters">Typed values in declaration order; secrets as <see cref="Expressions.SecretValue"/>.</param>
internal sealed record NewRun(
    string RunbookName,
    string Version,
    string ContentHash,
    string RunbookText,
    IReadOnlyList<KeyValuePair<string, object?>> Parameters)
{
    /// <summary>The runbooks it calls, pinned beside it (see <see cref="PinnedCalls"/>).</summary>
    public IReadOnlyList<PinnedCall> Calls { get; init; } = [];

    /// <summary>Where the run was started; a resume resolves relative paths against it (see <see cref="RunManifest.WorkingDirectory"/>).</summary>
    public string? WorkingDirectory { get; init; }

    public static NewRun From(Model.Runbook runbook, Parameters.BoundParameters parameters, Loading.IRunbookResolver? resolver = null) =>
        new(runbook.Name, runbook.Version.ToString(), runbook.ContentHash, runbook.Text, parameters.Values) { Calls = PinnedCalls.Collect(runbook, resolver) };
}
