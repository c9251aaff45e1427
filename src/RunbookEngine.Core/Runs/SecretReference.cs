namespace RunbookEngine.Runs;

/// <summary>
/// Stands in for a secret parameter read back from <c>params.json</c>: the file records that a secret was given
/// and where, never its text. Resume has to ask for the secret again.
/// </summary>
/// <param name="Path">The value's path in the parameters, e.g. <c>password</c> or <c>nodes[1].token</c>.</param>
internal sealed record SecretReference(string Path)
{
    public override string ToString() => $"<secret {Path}>";
}
