using RunbookEngine.Diagnostics;
using RunbookEngine.Loading;
using RunbookEngine.Model;
using RunbookEngine.Syntax;

namespace RunbookEngine.Parameters;

/// <summary>
/// Binds a runbook's parameters from a params file and <c>-p key=value</c> arguments (which win), applies
/// defaults, converts and validates. Errors name the parameter and what was expected; secret values never
/// appear in any message.
/// </summary>
internal static class ParameterBinder
{
    /// <summary>Where a secret may come from besides <c>-p</c> and a params file, out of the process list and shell history.</summary>
    public const string SecretVariablePrefix = "RUNBOOK_SECRET_";

    /// <summary>
    /// The environment variable that may hold the secret at <paramref name="path"/> (a parameter's name, or on resume
    /// a path such as <c>nodes[1].password</c>): the prefix, then the path with every character that a variable name
    /// cannot hold replaced by <c>_</c>. <c>adminPassword</c> → <c>RUNBOOK_SECRET_adminPassword</c>.
    /// </summary>
    public static string SecretVariable(string path) =>
        SecretVariablePrefix + string.Concat(path.Select(c => char.IsAsciiLetterOrDigit(c) || c == '_' ? c : '_'));

    /// <param name="environment">Looks up environment variables; secret parameters given neither by the file nor by
    /// -p are read from <see cref="SecretVariable"/>. Null: no environment (tests, validate).</param>
    public static BindResult Bind(Runbook runbook, IReadOnlyList<string> assignments, string? paramsFile, Func<string, string?>? environment = null)
    {
        var diagnostics = new DiagnosticBag();
        var given = new Dictionary<string, object?>(StringComparer.Ordinal);
        // Given but invalid: already reported, so not "missing" as well.
        var attempted = new HashSet<string>(StringComparer.Ordinal);

        // A params file that cannot be read as a mapping may well hold every required value: its own error is the
        // one to fix, and "required" errors for what it probably contains would only bury it (as a compiler stops
        // reporting follow-on errors after a syntax error).
        var fileUsable = paramsFile is null || ReadFile(runbook, paramsFile, given, attempted, diagnostics);

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var sources = new List<SourceText>();
        foreach (var assignment in assignments)
        {
            ReadAssignment(runbook, assignment, given, attempted, seen, diagnostics, sources);
        }

        if (environment is not null)
        {
            ReadSecretsFromEnvironment(runbook, environment, given, attempted, diagnostics);
        }

        var values = new List<KeyValuePair<string, object?>>();
        foreach (var parameter in runbook.Parameters)
        {
            if (given.TryGetValue(parameter.Name, out var value))
            {
                values.Add(new(parameter.Name, value));
            }
            else if (parameter.HasDefault)
            {
                values.Add(new(parameter.Name, parameter.Default));
            }
            else if (parameter.Required && !attempted.Contains(parameter.Name) && fileUsable)
            {
                diagnostics.Add(DiagnosticCodes.MissingParameter, SourceSpan.WholeFile(paramsFile is null ? "command line" : LoaderPath(paramsFile)), parameter.Name,
                    $"parameter '{parameter.Name}' ({parameter.Type.DisplayName}) is required",
                    (parameter.Type.Kind == ParameterKind.Secret
                        ? $"give it in the environment variable {SecretVariable(parameter.Name)} (kept out of the process list and shell history), with -p {parameter.Name}=<value> or in a --params file"
                        : $"give it with -p {parameter.Name}=<value> or in a --params file")
                    + (parameter.Description is null ? string.Empty : $"; it is: {parameter.Description.TrimEnd('.')}"));
            }
            else
            {
                values.Add(new(parameter.Name, null));
            }
        }

        var sorted = diagnostics.Sorted();
        return new BindResult(sorted.Any(d => d.IsError) ? null : new BoundParameters(values), sorted, sources);
    }

    /// <summary>Reads the values of a params file; false when it could not be read as a mapping (already reported).</summary>
    private static bool ReadFile(Runbook runbook, string path, Dictionary<string, object?> given, HashSet<string> attempted, DiagnosticBag diagnostics)
    {
        var display = LoaderPath(path);
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // .NET says "Access to the path is denied" for a folder, which sends one looking at permissions.
            diagnostics.Add(DiagnosticCodes.FileUnreadable, SourceSpan.WholeFile(display), string.Empty,
                Directory.Exists(path) ? "the params file is a folder" : $"cannot read the params file: {ex.Message}",
                "check the --params path");
            return false;
        }

        var syntax = new DiagnosticBag();
        var root = YamlSyntaxReader.Read(new SourceText(display, text), syntax);
        diagnostics.AddRange(syntax);
        if (root is null || syntax.HasErrors)
        {
            // An empty file (only comments) holds nothing for sure: then listing what is required is the help wanted.
            return root is null && syntax.All(d => !d.IsError || d.Code == DiagnosticCodes.EmptyDocument.Code);
        }

        if (root is not YamlMapping mapping)
        {
            diagnostics.Add(DiagnosticCodes.WrongNodeType, root.Span with { EndLine = root.Span.Line, EndColumn = root.Span.Column + 1 }, string.Empty,
                $"a params file must be a mapping of parameter names to values, found {root.KindName}", "write one 'name: value' per line");
            return false;
        }

        foreach (var entry in mapping.Entries)
        {
            var parameter = runbook.FindParameter(entry.Key.Value);
            if (parameter is null)
            {
                diagnostics.Add(DiagnosticCodes.UnknownParameter, entry.Key.Span, entry.Key.Value,
                    $"runbook '{runbook.Identity}' has no parameter '{entry.Key.Value}'",
                    Suggestions.Hint(entry.Key.Value, runbook.Parameters.Select(p => p.Name).ToList(), "its parameters"));
                continue;
            }

            attempted.Add(parameter.Name);
            if (new ParameterValueConverter(diagnostics).TryConvert(entry.Value, parameter.Type, parameter.Name, out var value))
            {
                given[parameter.Name] = value;
            }
        }

        return true;
    }

    private static void ReadAssignment(Runbook runbook, string assignment, Dictionary<string, object?> given, HashSet<string> attempted, HashSet<string> seen, DiagnosticBag diagnostics, List<SourceText> sources)
    {
        var eq = assignment.IndexOf('=', StringComparison.Ordinal);
        var key = eq < 0 ? assignment : assignment[..eq];
        var parameter = runbook.FindParameter(key);
        // The argument is echoed in messages only when it cannot hold a secret (a list or object may have secret parts).
        var shown = parameter is not null && parameter.Type.HoldsSecret() || eq < 0 && parameter is null ? $"-p {key}=***" : $"-p {assignment}";
        if (eq <= 0)
        {
            diagnostics.Add(DiagnosticCodes.MalformedParameterArgument, SourceSpan.WholeFile(eq < 0 ? $"-p {key}" : shown), string.Empty,
                $"'-p' takes name=value, found '{(eq < 0 ? key : shown[3..])}'", "write -p name=value, e.g. -p dataDirectory=/var/lib/app");
            return;
        }

        if (parameter is null)
        {
            diagnostics.Add(DiagnosticCodes.UnknownParameter, SourceSpan.WholeFile($"-p {key}=…"), key,
                $"runbook '{runbook.Identity}' has no parameter '{key}'",
                Suggestions.Hint(key, runbook.Parameters.Select(p => p.Name).ToList(), "its parameters"));
            return;
        }

        if (!seen.Add(key))
        {
            diagnostics.Add(DiagnosticCodes.DuplicateParameterArgument, SourceSpan.WholeFile(shown), key,
                $"parameter '{key}' is given more than once; the last value wins", "remove the extra -p");
        }

        attempted.Add(key);
        var text = assignment[(eq + 1)..];
        YamlNode? node;
        if (parameter.Type.Kind is ParameterKind.List or ParameterKind.Object)
        {
            // Structured values are written as YAML flow: -p nodes='[{address: 127.0.0.1:9001, id: 1}]'. Their
            // diagnostics are placed in "-p nodes" (line 1, the column in the value), not in the whole argument, which
            // can be long; the value itself is handed to the printer to underline, unless it may hold a secret.
            var occurrence = sources.Count(x => x.File == $"-p {key}" || x.File.StartsWith($"-p {key}#", StringComparison.Ordinal)) + 1;
            var source = new SourceText(occurrence == 1 ? $"-p {key}" : $"-p {key}#{occurrence}", text);
            if (!parameter.Type.HoldsSecret())
            {
                sources.Add(source);
            }

            node = YamlSyntaxReader.Read(source, diagnostics);
            if (node is null)
            {
                given[key] = null;
                return;
            }
        }
        else
        {
            node = new YamlScalar(SourceSpan.WholeFile(shown), key, text, ScalarStyle.DoubleQuoted, null, null);
        }

        if (new ParameterValueConverter(diagnostics).TryConvert(node, parameter.Type, key, out var value))
        {
            given[key] = value;
        }
    }

    /// <summary>Secret parameters that neither the file nor -p gave (nor tried to give), from their variables.</summary>
    private static void ReadSecretsFromEnvironment(Runbook runbook, Func<string, string?> environment, Dictionary<string, object?> given, HashSet<string> attempted, DiagnosticBag diagnostics)
    {
        foreach (var parameter in runbook.Parameters)
        {
            if (parameter.Type.Kind != ParameterKind.Secret || given.ContainsKey(parameter.Name) || attempted.Contains(parameter.Name)
                || environment(SecretVariable(parameter.Name)) is not { } text)
            {
                continue;
            }

            attempted.Add(parameter.Name);
            // Placed at "$RUNBOOK_SECRET_x" in messages; the value itself is never shown (it is a secret).
            var node = new YamlScalar(SourceSpan.WholeFile("$" + SecretVariable(parameter.Name)), parameter.Name, text, ScalarStyle.DoubleQuoted, null, null);
            if (new ParameterValueConverter(diagnostics).TryConvert(node, parameter.Type, parameter.Name, out var value))
            {
                given[parameter.Name] = value;
            }
        }
    }

    private static string LoaderPath(string path) => RunbookLoader.DisplayPath(path);
}
