using RunbookEngine.Activities;
using RunbookEngine.Diagnostics;
using RunbookEngine.Format;
using RunbookEngine.Syntax;

namespace RunbookEngine.Loading;

/// <summary>
/// YAML → syntax tree → shape check → model → semantic checks. Every phase reports into one bag so a user
/// sees all problems at once; the runbook is returned only when there are no errors.
/// </summary>
internal sealed class RunbookLoader(IActivityCatalog activities, IRunbookResolver? resolver = null)
{
    /// <summary>Files larger than this are refused: no procedure is that long, and YAML bombs are.</summary>
    public const long MaxFileBytes = 4 * 1024 * 1024;

    public LoadResult LoadFile(string path)
    {
        var display = DisplayPath(path);
        try
        {
            var info = new FileInfo(path);
            if (info.Exists && info.Length > MaxFileBytes)
            {
                return Failed(display, DiagnosticCodes.FileUnreadable, $"the file is {info.Length / 1024 / 1024} MiB; runbooks are limited to 4 MiB",
                    "split the procedure into runbooks that call each other");
            }

            return Load(new SourceText(display, File.ReadAllText(path)));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return Failed(display, DiagnosticCodes.FileUnreadable, $"cannot read the file: {ex.Message}", "check that the path exists and is readable");
        }
    }

    /// <param name="checkCalls">False when loading a callee, so that call cycles cannot recurse forever.</param>
    public LoadResult Load(SourceText source, bool checkCalls = true) => Check(Parse(source), checkCalls);

    /// <summary>The first half of <see cref="Load"/>: YAML to syntax tree. The two halves may run on different threads.</summary>
    public static ParsedSource Parse(SourceText source)
    {
        var diagnostics = new DiagnosticBag();
        return new ParsedSource(source, YamlSyntaxReader.Read(source, diagnostics), diagnostics);
    }

    /// <summary>The second half of <see cref="Load"/>: shape, model and semantic checks of a parsed file.</summary>
    /// <param name="checkCalls">False when loading a callee, so that call cycles cannot recurse forever.</param>
    public LoadResult Check(ParsedSource parsed, bool checkCalls = true)
    {
        var (source, root, diagnostics) = (parsed.Source, parsed.Root, parsed.Diagnostics);
        if (root is null)
        {
            return new LoadResult(source, null, null, null, diagnostics.Sorted());
        }

        if (root is not YamlMapping mapping)
        {
            diagnostics.Add(DiagnosticCodes.WrongNodeType, root.Span with { EndLine = root.Span.Line, EndColumn = root.Span.Column + 1 }, string.Empty,
                $"a runbook must be a mapping, found {root.KindName}", "start from 'runbook new <system>/<name>', which writes a runbook that validates");
            return new LoadResult(source, null, null, null, diagnostics.Sorted());
        }

        new ShapeChecker(RunbookFormat.Shapes, diagnostics, ShapeCodes.Document).Check(mapping, RunbookFormat.Shapes.Root);
        var builder = new RunbookBuilder(source, diagnostics);
        var runbook = builder.Build(mapping);
        // A plain loop: LINQ grouping over value tuples is JIT-compiled at start-up (docs/benchmarks.md).
        var scalars = new Dictionary<Expressions.Template, YamlScalar>(ReferenceEqualityComparer.Instance);
        foreach (var (template, scalar) in builder.Templates.All)
        {
            scalars.TryAdd(template, scalar);
        }

        new SemanticChecker(runbook, builder.Steps!.Syntax, scalars, activities, checkCalls ? resolver : null, diagnostics).Check();
        if (checkCalls && resolver is not null)
        {
            new CallCycleDetector(resolver, diagnostics).Check(runbook, builder.Steps!.Syntax);
        }

        var sorted = diagnostics.Sorted();
        return new LoadResult(source, sorted.Any(d => d.IsError) ? null : runbook, runbook.Metadata, mapping, sorted);
    }

    private static LoadResult Failed(string file, DiagnosticDescriptor code, string message, string hint) =>
        new(null, null, null, null, [new Diagnostic(code, SourceSpan.WholeFile(file), string.Empty, message, hint)]);

    /// <summary>Paths are shown relative to the working directory when inside it, as compilers do.</summary>
    public static string DisplayPath(string path)
    {
        var full = Path.GetFullPath(path);
        var relative = Path.GetRelativePath(Environment.CurrentDirectory, full);
        return relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? full : relative;
    }
}

/// <summary>A file read into a syntax tree (null when the YAML is unusable), with the diagnostics so far.</summary>
internal sealed record ParsedSource(SourceText Source, YamlNode? Root, DiagnosticBag Diagnostics);
