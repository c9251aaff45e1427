using System.Text.Encodings.Web;
using System.Text.Json;
using RunbookEngine.Diagnostics;

namespace RunbookEngine.Cli.Output;

/// <summary>
/// Diagnostics as JSON, for editors and CI annotations (<c>runbook validate --json</c>): one object per problem with
/// its code, severity, file, 1-based line and column (0 when it concerns the whole file), end position, YAML path,
/// message and hint, plus the totals. The source line is never included, so a secret written into a runbook (RB0303)
/// cannot leak through it.
/// </summary>
internal static class DiagnosticJson
{
    private static readonly JsonWriterOptions Options = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static void Write(TextWriter output, IReadOnlyList<Diagnostic> diagnostics, int files)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, Options))
        {
            var errors = diagnostics.Count(d => d.IsError);
            json.WriteStartObject();
            json.WriteBoolean("valid", errors == 0);
            json.WriteNumber("files", files);
            json.WriteNumber("errors", errors);
            json.WriteNumber("warnings", diagnostics.Count - errors);
            json.WriteStartArray("diagnostics");
            foreach (var d in diagnostics)
            {
                json.WriteStartObject();
                json.WriteString("code", d.Code);
                json.WriteString("severity", d.IsError ? "error" : "warning");
                json.WriteString("title", d.Descriptor.Title);
                json.WriteString("file", d.Span.File);
                json.WriteNumber("line", d.Span.Line);
                json.WriteNumber("column", d.Span.Column);
                json.WriteNumber("endLine", d.Span.EndLine);
                json.WriteNumber("endColumn", d.Span.EndColumn);
                json.WriteString("yamlPath", d.YamlPath);
                json.WriteString("message", d.Message);
                if (d.Hint is { Length: > 0 } hint)
                {
                    json.WriteString("hint", hint);
                }
                else
                {
                    json.WriteNull("hint");
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        output.WriteLine(System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
    }
}
