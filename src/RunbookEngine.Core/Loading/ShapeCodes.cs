using RunbookEngine.Diagnostics;

namespace RunbookEngine.Loading;

/// <summary>Which codes and words the shape checker uses: document keys and activity inputs read differently.</summary>
internal sealed record ShapeCodes(DiagnosticDescriptor UnknownKey, DiagnosticDescriptor MissingKey, DiagnosticDescriptor WrongType, string Noun, bool AllowTemplates)
{
    public static ShapeCodes Document { get; } = new(DiagnosticCodes.UnknownKey, DiagnosticCodes.MissingKey, DiagnosticCodes.WrongNodeType, "key", false);

    public static ShapeCodes Inputs { get; } = new(DiagnosticCodes.UnknownInput, DiagnosticCodes.MissingInput, DiagnosticCodes.InputTypeMismatch, "input", true);
}
