using RunbookEngine.Expressions.Evaluation;
using RunbookEngine.Expressions.Syntax;

namespace RunbookEngine.Expressions.Analysis;

/// <summary>
/// Static kind inference and the load-time checks built on it. Only combinations that can never succeed are
/// reported; anything involving <see cref="ValueKind.Any"/> is left to run time.
/// </summary>
internal sealed class KindAnalyzer
{
    private readonly Func<PathReference, ValueKind>? _resolver;
    private readonly IReadOnlyCollection<string>? _knownRoots;
    private readonly List<ExpressionError>? _errors;

    private KindAnalyzer(Func<PathReference, ValueKind>? resolver, IReadOnlyCollection<string>? knownRoots, List<ExpressionError>? errors)
    {
        _resolver = resolver;
        _knownRoots = knownRoots;
        _errors = errors;
    }

    /// <param name="resolver">Kind of a fully static path, or <see cref="ValueKind.Any"/> when unknown. Null: every path is Any.</param>
    public static ValueKind InferKind(Expr expression, Func<PathReference, ValueKind>? resolver = null) =>
        new KindAnalyzer(resolver, null, null).Infer(expression);

    /// <summary>
    /// Operators applied to kinds that can never work, secrets passed to functions that would reveal them, and (when
    /// <paramref name="knownRoots"/> is given) root names that do not exist.
    /// </summary>
    public static IReadOnlyList<ExpressionError> Check(
        Expr expression,
        Func<PathReference, ValueKind>? resolver = null,
        IReadOnlyCollection<string>? knownRoots = null)
    {
        var errors = new List<ExpressionError>();
        new KindAnalyzer(resolver, knownRoots, errors).Infer(expression);
        return errors;
    }

    private void Report(Expr at, string message, string? hint = null) =>
        _errors?.Add(new ExpressionError(at.Offset, at.Length, message, hint));

    private ValueKind Infer(Expr expression) => expression switch
    {
        LiteralExpr literal => Values.KindOf(literal.Value),
        NameExpr or MemberExpr or IndexExpr => InferPath(expression),
        UnaryExpr unary => InferUnary(unary),
        BinaryExpr binary => InferBinary(binary),
        CallExpr call => InferCall(call),
        _ => ValueKind.Any,
    };

    private ValueKind InferPath(Expr expression)
    {
        var current = expression;
        while (current is MemberExpr or IndexExpr)
        {
            if (current is IndexExpr index)
            {
                Infer(index.Index);
                current = index.Target;
            }
            else
            {
                current = ((MemberExpr)current).Target;
            }
        }

        if (current is not NameExpr root)
        {
            Infer(current);
            return ValueKind.Any;
        }

        if (_knownRoots is not null && !_knownRoots.Contains(root.Name))
        {
            _errors?.Add(new ExpressionError(root.Offset, root.Length, $"unknown name '{root.Name}'", NameSuggestions.Hint(root.Name, _knownRoots.Order(StringComparer.Ordinal), "names")));
            return ValueKind.Any;
        }

        var reference = PathReferences.TryGet(expression);
        if (reference is null || reference.IsTruncated || _resolver is null)
        {
            return ValueKind.Any;
        }

        return _resolver(reference);
    }

    private ValueKind InferUnary(UnaryExpr unary)
    {
        var operand = Infer(unary.Operand);
        if (unary.Operator == UnaryOperator.Not)
        {
            if (operand is not (ValueKind.Any or ValueKind.Bool))
            {
                Report(unary, $"operator '!' requires a bool, but the operand is {Values.Describe(operand)}", "logical operators never convert values to bool; compare explicitly, e.g. x != ''");
            }

            return ValueKind.Bool;
        }

        if (operand is ValueKind.Any or ValueKind.Int or ValueKind.Number)
        {
            return operand;
        }

        Report(unary, $"operator '-' requires a number, but the operand is {Values.Describe(operand)}");
        return ValueKind.Any;
    }

    private ValueKind InferBinary(BinaryExpr binary)
    {
        var left = Infer(binary.Left);
        var right = Infer(binary.Right);
        if (binary.IsLogical)
        {
            CheckBoolOperand(binary, binary.Left, left, "left");
            CheckBoolOperand(binary, binary.Right, right, "right");
        }
        else if (binary.IsOrdering)
        {
            CheckOrdering(binary, left, right);
        }

        return ValueKind.Bool;
    }

    private void CheckBoolOperand(BinaryExpr binary, Expr operand, ValueKind kind, string side)
    {
        if (kind is not (ValueKind.Any or ValueKind.Bool))
        {
            Report(operand, $"operator '{binary.Symbol}' requires bool operands, but the {side} operand is {Values.Describe(kind)}", "logical operators never convert values to bool; compare explicitly, e.g. x != null");
        }
    }

    private void CheckOrdering(BinaryExpr binary, ValueKind left, ValueKind right)
    {
        static bool Orderable(ValueKind kind) => kind is ValueKind.Any or ValueKind.Int or ValueKind.Number or ValueKind.String;
        static bool Numeric(ValueKind kind) => kind is ValueKind.Int or ValueKind.Number;

        var incompatible = !Orderable(left) || !Orderable(right)
            || (left != ValueKind.Any && right != ValueKind.Any && Numeric(left) != Numeric(right));
        if (incompatible)
        {
            Report(binary, $"operator '{binary.Symbol}' cannot compare {Values.Describe(left)} with {Values.Describe(right)}", "only two numbers or two strings can be ordered; use int() to convert a numeric string");
        }
    }

    private ValueKind InferCall(CallExpr call)
    {
        for (var i = 0; i < call.Arguments.Count; i++)
        {
            var argument = call.Arguments[i];
            if (Infer(argument) == ValueKind.Secret && !call.Function.AcceptsSecrets)
            {
                Report(argument, $"secret values cannot be passed to {call.Function.Name}()");
            }
        }

        return call.Function.ResultKind;
    }
}
