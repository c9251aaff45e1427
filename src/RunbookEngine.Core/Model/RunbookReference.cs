using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace RunbookEngine.Model;

/// <summary>A catalog name with an optional exact version: <c>cowsql/restore-new-config@1.0.0</c>.</summary>
internal sealed partial record RunbookReference(string Name, SemVersion? Version)
{
    public const string CallPrefix = "runbook:";

    public static bool TryParse(string text, [NotNullWhen(true)] out RunbookReference? reference, out string? error)
    {
        reference = null;
        var at = text.IndexOf('@', StringComparison.Ordinal);
        var name = at < 0 ? text : text[..at];
        if (!NamePattern().IsMatch(name))
        {
            error = $"'{name}' is not a catalog name; expected <system>/<name> in lower case, e.g. cowsql/restore-new-config";
            return false;
        }

        SemVersion? version = null;
        if (at >= 0)
        {
            if (!SemVersion.TryParse(text[(at + 1)..], out var v))
            {
                error = $"'{text[(at + 1)..]}' is not a semantic version; expected e.g. @1.0.0";
                return false;
            }

            version = v;
        }

        error = null;
        reference = new RunbookReference(name, version);
        return true;
    }

    public override string ToString() => Version is null ? Name : $"{Name}@{Version}";

    [GeneratedRegex("^[a-z0-9][a-z0-9-]*(/[a-z0-9][a-z0-9-]*)+$")]
    internal static partial Regex NamePattern();
}
