using RunbookEngine.Diagnostics;
using RunbookEngine.Loading;
using RunbookEngine.Model;
using RunbookEngine.Parameters;

namespace RunbookEngine.Runbooks.Tests;

/// <summary>
/// Loads runbooks of the repository's catalog (runbooks/) by catalog name, with the built-in activities and
/// calls resolved against the catalog. Tests written by 'runbook new' call <see cref="Load"/> and <see cref="Bind"/>.
/// </summary>
internal static class CatalogFixture
{
    /// <summary>The runbook <c>name</c> or <c>name@version</c>, fully checked; a missing one is an RB0802 diagnostic.</summary>
    public static LoadResult Load(string catalogName)
    {
        if (!RunbookReference.TryParse(catalogName, out var reference, out var error))
        {
            return NotFound(catalogName, error!, "write <system>/<name> or <system>/<name>@<version>");
        }

        var catalog = Repository.Catalog;
        if (catalog.Select(reference, out error, out var hint) is not { } entry)
        {
            return NotFound(catalogName, error!, hint);
        }

        return catalog.Loader.LoadFile(entry.Path);
    }

    /// <summary>Loads the runbook and binds <c>name=value</c> assignments (as given with -p) to its parameters.</summary>
    public static BindResult Bind(string catalogName, params string[] assignments)
    {
        var loaded = Load(catalogName);
        return loaded.Runbook is { } runbook && !loaded.HasErrors
            ? ParameterBinder.Bind(runbook, assignments, null)
            : new BindResult(null, loaded.Diagnostics);
    }

    private static LoadResult NotFound(string name, string message, string? hint) =>
        new(null, null, null, null, [new Diagnostic(DiagnosticCodes.RunbookNotFound, SourceSpan.WholeFile(name), string.Empty, message, hint)]);
}
