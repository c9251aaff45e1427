namespace RunbookEngine.Diagnostics;

/// <summary>
/// Every diagnostic the product can report. Ranges: RB00xx files and YAML, RB01xx document structure,
/// RB02xx metadata, RB03xx parameter definitions, RB04xx steps, RB05xx expressions and references,
/// RB06xx runbook calls and the catalog, RB07xx parameter values, RB08xx command-line input.
/// docs/diagnostics.md documents each one; a test keeps the two in step.
/// </summary>
public static class DiagnosticCodes
{
    public static readonly DiagnosticDescriptor YamlSyntax = new("RB0001", "YAML syntax error");
    public static readonly DiagnosticDescriptor FileUnreadable = new("RB0002", "File cannot be read");
    public static readonly DiagnosticDescriptor EmptyDocument = new("RB0003", "Empty document");
    public static readonly DiagnosticDescriptor MultipleDocuments = new("RB0004", "More than one YAML document");
    public static readonly DiagnosticDescriptor DuplicateKey = new("RB0005", "Duplicate mapping key");
    public static readonly DiagnosticDescriptor ComplexKey = new("RB0006", "Mapping key is not a scalar");
    public static readonly DiagnosticDescriptor UnknownAlias = new("RB0007", "Alias to an unknown anchor");

    public static readonly DiagnosticDescriptor UnknownKey = new("RB0101", "Unknown key");
    public static readonly DiagnosticDescriptor MissingKey = new("RB0102", "Missing required key");
    public static readonly DiagnosticDescriptor WrongNodeType = new("RB0103", "Value has the wrong type");
    public static readonly DiagnosticDescriptor InvalidValue = new("RB0104", "Invalid value");
    public static readonly DiagnosticDescriptor UnsupportedApiVersion = new("RB0105", "Unsupported apiVersion");
    public static readonly DiagnosticDescriptor UnsupportedKind = new("RB0106", "Unsupported kind");
    public static readonly DiagnosticDescriptor EmptyList = new("RB0107", "List must not be empty");

    public static readonly DiagnosticDescriptor InvalidName = new("RB0201", "Invalid runbook name");
    public static readonly DiagnosticDescriptor InvalidVersion = new("RB0202", "Invalid semantic version");
    public static readonly DiagnosticDescriptor NameDoesNotMatchPath = new("RB0203", "Runbook name does not match its catalog path");
    public static readonly DiagnosticDescriptor InvalidSource = new("RB0204", "Invalid source reference");

    public static readonly DiagnosticDescriptor InvalidParameterName = new("RB0301", "Invalid parameter name");
    public static readonly DiagnosticDescriptor UnknownParameterType = new("RB0302", "Unknown parameter type");
    public static readonly DiagnosticDescriptor DefaultDoesNotMatchType = new("RB0303", "Default value does not match the parameter");
    public static readonly DiagnosticDescriptor EnumWithoutValues = new("RB0304", "Enum parameter without values");
    public static readonly DiagnosticDescriptor InvalidPattern = new("RB0305", "Invalid regular expression");
    public static readonly DiagnosticDescriptor RequiredWithDefault = new("RB0306", "Required parameter has a default", DiagnosticSeverity.Warning);
    public static readonly DiagnosticDescriptor ConstraintNotApplicable = new("RB0307", "Constraint does not apply to this type");
    public static readonly DiagnosticDescriptor InvalidTypeDefinition = new("RB0308", "Invalid type definition");
    public static readonly DiagnosticDescriptor RecursiveType = new("RB0309", "Type refers to itself");

    public static readonly DiagnosticDescriptor DuplicateStepId = new("RB0401", "Duplicate step id");
    public static readonly DiagnosticDescriptor InvalidStepId = new("RB0402", "Invalid step id");
    public static readonly DiagnosticDescriptor StepKindAmbiguous = new("RB0403", "Step needs exactly one of 'uses' or 'steps'");
    public static readonly DiagnosticDescriptor UnknownActivity = new("RB0404", "Unknown activity");
    public static readonly DiagnosticDescriptor MissingInput = new("RB0405", "Missing required input");
    public static readonly DiagnosticDescriptor UnknownInput = new("RB0406", "Unknown input");
    public static readonly DiagnosticDescriptor InputTypeMismatch = new("RB0407", "Input has the wrong type");
    public static readonly DiagnosticDescriptor InvalidDuration = new("RB0408", "Invalid duration");
    public static readonly DiagnosticDescriptor InvalidRetry = new("RB0409", "Invalid retry policy");
    public static readonly DiagnosticDescriptor ParallelWithoutForeach = new("RB0410", "'parallel' needs 'foreach'");
    public static readonly DiagnosticDescriptor UnknownCompensation = new("RB0411", "Unknown compensation step");
    public static readonly DiagnosticDescriptor InvalidParallel = new("RB0412", "Invalid parallel limit");
    public static readonly DiagnosticDescriptor WithOnGroup = new("RB0413", "'with' on a step group");

    public static readonly DiagnosticDescriptor ExpressionSyntax = new("RB0501", "Expression syntax error");
    public static readonly DiagnosticDescriptor UnknownParameterReference = new("RB0502", "Reference to an unknown parameter");
    public static readonly DiagnosticDescriptor UnknownStepReference = new("RB0503", "Reference to an unknown step");
    public static readonly DiagnosticDescriptor StepDoesNotRunEarlier = new("RB0504", "Reference to a step that does not run earlier");
    public static readonly DiagnosticDescriptor UnknownOutput = new("RB0505", "Reference to an unknown output");
    public static readonly DiagnosticDescriptor ItemOutsideForeach = new("RB0506", "'item' or 'index' outside a foreach");
    public static readonly DiagnosticDescriptor UnknownRoot = new("RB0507", "Unknown expression root");
    public static readonly DiagnosticDescriptor ExpressionTypeMismatch = new("RB0508", "Expression has the wrong type");
    public static readonly DiagnosticDescriptor ResultOutsideOutputs = new("RB0509", "'result' outside step outputs");
    public static readonly DiagnosticDescriptor UnknownField = new("RB0510", "Reference to an unknown field");
    public static readonly DiagnosticDescriptor UnknownRunField = new("RB0511", "Unknown 'run' property");

    public static readonly DiagnosticDescriptor CalledRunbookNotFound = new("RB0601", "Called runbook not found");
    public static readonly DiagnosticDescriptor CallCycle = new("RB0602", "Cycle between runbook calls");
    public static readonly DiagnosticDescriptor DuplicateCatalogEntry = new("RB0603", "Two catalog files with the same name and version");
    public static readonly DiagnosticDescriptor InvalidRunbookReference = new("RB0604", "Invalid runbook reference");
    public static readonly DiagnosticDescriptor CalledRunbookInvalid = new("RB0605", "Called runbook has errors");

    public static readonly DiagnosticDescriptor UnknownParameter = new("RB0701", "Unknown parameter");
    public static readonly DiagnosticDescriptor MissingParameter = new("RB0702", "Missing required parameter");
    public static readonly DiagnosticDescriptor ParameterTypeMismatch = new("RB0703", "Parameter value has the wrong type");
    public static readonly DiagnosticDescriptor ParameterNotAllowed = new("RB0704", "Parameter value not allowed");
    public static readonly DiagnosticDescriptor ParameterPatternMismatch = new("RB0705", "Parameter value does not match its pattern");
    public static readonly DiagnosticDescriptor MalformedParameterArgument = new("RB0706", "Malformed -p argument");
    public static readonly DiagnosticDescriptor ParameterOutOfRange = new("RB0707", "Parameter value out of range");
    public static readonly DiagnosticDescriptor DuplicateParameterArgument = new("RB0708", "Parameter given twice", DiagnosticSeverity.Warning);

    public static readonly DiagnosticDescriptor PathNotFound = new("RB0801", "Path not found");
    public static readonly DiagnosticDescriptor RunbookNotFound = new("RB0802", "Runbook not found");
    public static readonly DiagnosticDescriptor NothingToValidate = new("RB0803", "No runbook files found");
    public static readonly DiagnosticDescriptor InvalidArgument = new("RB0804", "Invalid command-line argument");
    public static readonly DiagnosticDescriptor TargetExists = new("RB0805", "File already exists");

    /// <summary>All descriptors, discovered once by reflection so the docs test cannot miss one.</summary>
    /// <remarks>
    /// Held by a nested class so that the reflection runs when the list is first asked for, not in the static
    /// constructor that every load runs by reading the first code (measured in docs/benchmarks.md).
    /// </remarks>
    public static IReadOnlyList<DiagnosticDescriptor> All => AllCodes.List;

    private static class AllCodes
    {
        public static readonly IReadOnlyList<DiagnosticDescriptor> List =
            typeof(DiagnosticCodes).GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
                .Where(f => f.FieldType == typeof(DiagnosticDescriptor))
                .Select(f => (DiagnosticDescriptor)f.GetValue(null)!)
                .OrderBy(d => d.Code, StringComparer.Ordinal)
                .ToList();
    }
}
