namespace RunbookEngine.Expressions.Functions;

/// <summary>One entry of the function registry. Arity is checked when parsing so mistakes surface at load time.</summary>
internal sealed class FunctionDefinition
{
    public const int Unbounded = int.MaxValue;

    public FunctionDefinition(
        string name,
        string signature,
        int minArity,
        int maxArity,
        ValueKind resultKind,
        FunctionImplementation implementation,
        bool acceptsSecrets = false)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentOutOfRangeException.ThrowIfNegative(minArity);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxArity, minArity);
        Name = name;
        Signature = signature;
        MinArity = minArity;
        MaxArity = maxArity;
        ResultKind = resultKind;
        Implementation = implementation;
        AcceptsSecrets = acceptsSecrets;
    }

    public string Name { get; }

    /// <summary>Human readable parameter list, e.g. <c>join(list, separator = ',')</c>; shown in hints.</summary>
    public string Signature { get; }

    public int MinArity { get; }

    public int MaxArity { get; }

    /// <summary>Statically known kind of the result; <see cref="ValueKind.Any"/> when it depends on the data.</summary>
    public ValueKind ResultKind { get; }

    public FunctionImplementation Implementation { get; }

    /// <summary>Only functions that cannot leak the text (comparison-like ones) may receive secrets directly.</summary>
    public bool AcceptsSecrets { get; }

    public bool AcceptsArity(int count) => count >= MinArity && count <= MaxArity;

    public string DescribeArity()
    {
        if (MinArity == MaxArity)
        {
            return MinArity == 1 ? "1 argument" : $"{MinArity} arguments";
        }

        return MaxArity == Unbounded ? $"at least {MinArity} argument{(MinArity == 1 ? string.Empty : "s")}" : $"{MinArity} to {MaxArity} arguments";
    }
}
