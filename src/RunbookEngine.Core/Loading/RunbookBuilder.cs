using RunbookEngine.Diagnostics;
using RunbookEngine.Format;
using RunbookEngine.Model;
using RunbookEngine.Syntax;

namespace RunbookEngine.Loading;

/// <summary>Builds the model from a syntax tree that passed the shape check, reporting value errors.</summary>
internal sealed class RunbookBuilder(SourceText source, DiagnosticBag diagnostics)
{
    public TemplateReader Templates { get; } = new(diagnostics);

    public StepBuilder? Steps { get; private set; }

    public Runbook Build(YamlMapping root)
    {
        CheckConstant(root.Scalar("apiVersion"), RunbookFormat.ApiVersion, DiagnosticCodes.UnsupportedApiVersion, "this engine reads apiVersion: runbook/v1");
        CheckConstant(root.Scalar("kind"), RunbookFormat.Kind, DiagnosticCodes.UnsupportedKind, "a runbook file has kind: Runbook");

        var parameters = new ParameterBuilder(diagnostics);
        var types = parameters.BuildTypes(root.Mapping("types"));
        var parameterList = parameters.BuildParameters(root.Mapping("parameters"));
        Steps = new StepBuilder(diagnostics, Templates);
        var steps = Steps.BuildList(root.Sequence("steps"));
        var compensations = Steps.BuildList(root.Sequence("compensations"));

        return new Runbook(
            source.File,
            source.Text,
            BuildMetadata(root.Mapping("metadata")),
            types,
            parameterList,
            BuildOutputs(root.Mapping("outputs")),
            steps,
            compensations);
    }

    private void CheckConstant(YamlScalar? scalar, string expected, DiagnosticDescriptor code, string hint)
    {
        if (scalar is { IsNull: false } && scalar.Value != expected)
        {
            diagnostics.Add(code, scalar.Span, scalar.Path, $"'{scalar.Value}' is not supported; expected '{expected}'", hint);
        }
    }

    private RunbookMetadata BuildMetadata(YamlMapping? metadata)
    {
        var name = metadata?.Scalar("name");
        if (name is { IsNull: false } && !RunbookReference.NamePattern().IsMatch(name.Value))
        {
            diagnostics.Add(DiagnosticCodes.InvalidName, name.Span, name.Path,
                $"'{name.Value}' is not a valid runbook name",
                "write <system>/<name> in lower case with '-' between words, e.g. cowsql/restore-new-config");
        }

        var versionScalar = metadata?.Scalar("version");
        var version = new SemVersion(0, 0, 0, string.Empty, string.Empty);
        if (versionScalar is { IsNull: false } && !SemVersion.TryParse(versionScalar.Value, out version))
        {
            diagnostics.Add(DiagnosticCodes.InvalidVersion, versionScalar.Span, versionScalar.Path,
                $"'{versionScalar.Value}' is not a semantic version",
                versionScalar.Value.Count(c => c == '.') < 2 && versionScalar.Style == ScalarStyle.Plain
                    ? "write MAJOR.MINOR.PATCH, e.g. 1.0.0 (YAML reads 1.0 as a number)"
                    : "write MAJOR.MINOR.PATCH, e.g. 1.0.0 or 2.1.0-rc.1");
        }

        return new RunbookMetadata(
            name?.Value ?? string.Empty,
            version,
            metadata?.Text("title") ?? string.Empty,
            metadata?.Text("description"),
            BuildSource(metadata?["source"]));
    }

    private SourceReference? BuildSource(YamlNode? node)
    {
        switch (node)
        {
            case YamlScalar { IsNull: false } scalar:
                var hash = scalar.Value.IndexOf('#', StringComparison.Ordinal);
                var document = hash < 0 ? scalar.Value : scalar.Value[..hash];
                if (document.Trim().Length == 0)
                {
                    diagnostics.Add(DiagnosticCodes.InvalidSource, scalar.Span, scalar.Path,
                        "the source names no document", "write document#section, e.g. 000_82be948217d4d2a4.txt#B.2");
                    return null;
                }

                return new SourceReference(document, hash < 0 ? null : scalar.Value[(hash + 1)..], null);
            case YamlMapping mapping when mapping.Text("document") is { } doc:
                return new SourceReference(doc, mapping.Text("section"), mapping.Text("url"));
            default:
                return null;
        }
    }

    private IReadOnlyList<RunbookOutput> BuildOutputs(YamlMapping? outputs)
    {
        var result = new List<RunbookOutput>();
        foreach (var entry in outputs?.Entries ?? [])
        {
            var (valueNode, description) = entry.Value switch
            {
                YamlMapping m => (m.Scalar("value"), m.Text("description")),
                YamlScalar s => (s, null),
                _ => (null, null),
            };
            if (!Identifiers.IsValid(entry.Key.Value))
            {
                diagnostics.Add(DiagnosticCodes.InvalidValue, entry.Key.Span, entry.Value.Path,
                    $"'{entry.Key.Value}' is not a valid output name", "use letters, digits, '_' and '-', starting with a letter");
            }
            else if (valueNode is not null && Templates.Read(valueNode) is { } template)
            {
                result.Add(new RunbookOutput(entry.Key.Value, template, description, entry.Key.Span));
            }
        }

        return result;
    }
}
