namespace RunbookEngine.Expressions.Functions;

/// <summary>Receives already evaluated, normalized arguments; throws through <see cref="FunctionArguments"/> helpers.</summary>
internal delegate object? FunctionImplementation(FunctionArguments args);
