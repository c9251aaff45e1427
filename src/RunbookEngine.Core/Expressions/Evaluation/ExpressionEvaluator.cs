using RunbookEngine.Expressions.Functions;
using RunbookEngine.Expressions.Syntax;

namespace RunbookEngine.Expressions.Evaluation;

/// <summary>Tree-walking evaluation. Every failure is an <see cref="ExpressionEvaluationException"/> located at the failing node.</summary>
internal static class ExpressionEvaluator
{
    // Long enough to recognise the path in a message, short enough to keep one-line errors readable.
    private const int MaxDescribedLength = 80;

    /// <summary>
    /// The value of <paramref name="expression"/>, fully normalized to the canonical value model
    /// (see <see cref="Values.NormalizeDeep"/>).
    /// </summary>
    public static object? Evaluate(Expr expression, ExpressionContext context)
    {
        ArgumentNullException.ThrowIfNull(expression);
        ArgumentNullException.ThrowIfNull(context);
        return Values.NormalizeDeep(EvaluateNode(expression, context));
    }

    private static object? EvaluateNode(Expr expression, ExpressionContext context) => expression switch
    {
        LiteralExpr literal => literal.Value,
        NameExpr name => EvaluateName(name, context),
        MemberExpr member => EvaluateMember(member, context),
        IndexExpr index => EvaluateIndex(index, context),
        UnaryExpr unary => EvaluateUnary(unary, context),
        BinaryExpr binary => EvaluateBinary(binary, context),
        CallExpr call => EvaluateCall(call, context),
        _ => throw new InvalidOperationException($"unsupported expression node {expression.GetType().Name}"),
    };

    private static ExpressionEvaluationException Error(Expr at, string message) => new(message, at.Offset, at.Length);

    private static object? EvaluateName(NameExpr name, ExpressionContext context)
    {
        if (context.Roots.TryGetValue(name.Name, out var value))
        {
            return Values.Normalize(value);
        }

        throw Error(name, $"unknown name '{name.Name}'; {NameSuggestions.Hint(name.Name, context.Roots.Keys.Order(StringComparer.Ordinal), "names")}");
    }

    private static object? EvaluateMember(MemberExpr member, ExpressionContext context)
    {
        var target = EvaluateNode(member.Target, context);
        return target switch
        {
            // A skipped step has null outputs; propagating null lets coalesce() or a null check handle it.
            null => null,
            IReadOnlyDictionary<string, object?> map => Lookup(map, member.Name, member.Target, member),
            IReadOnlyList<object?> => throw Error(member, $"cannot read property '{member.Name}' of {Describe(member.Target)}, which is a list; use [index] or pluck()"),
            _ => throw Error(member, $"cannot read property '{member.Name}' of {Describe(member.Target)}, which is {Values.Describe(target)}"),
        };
    }

    private static object? Lookup(IReadOnlyDictionary<string, object?> map, string key, Expr target, Expr at)
    {
        if (map.TryGetValue(key, out var value))
        {
            return Values.Normalize(value);
        }

        // Typos in runbooks must be loud: a silent null would make a 'when:' quietly false.
        var keys = map.Keys.ToList();
        var message = $"{Describe(target)} has no property '{key}'";
        if (keys.Count == 0)
        {
            throw Error(at, message + "; it is empty");
        }

        var close = NameSuggestions.Closest(key, keys);
        var suggestion = close.Count > 0 ? $"; did you mean '{close[0]}'?" : ".";
        throw Error(at, $"{message}{suggestion} Available: {NameSuggestions.List(keys)}");
    }

    private static object? EvaluateIndex(IndexExpr index, ExpressionContext context)
    {
        var target = EvaluateNode(index.Target, context);
        if (target is null)
        {
            return null;
        }

        var key = EvaluateNode(index.Index, context);
        switch (target)
        {
            case IReadOnlyDictionary<string, object?> map:
                return key is string name
                    ? Lookup(map, name, index.Target, index)
                    : throw Error(index.Index, $"a map can only be indexed by a string, but the index is {Values.Describe(key)}");
            case IReadOnlyList<object?> list:
                if (!Values.TryGetInteger(key, out var position))
                {
                    throw Error(index.Index, $"a list can only be indexed by an integer, but the index is {Values.Describe(key)}");
                }

                var resolved = position < 0 ? position + list.Count : position;
                if (resolved < 0 || resolved >= list.Count)
                {
                    throw Error(index, $"index {position} is out of range for {Describe(index.Target)}, which has {list.Count} element{(list.Count == 1 ? string.Empty : "s")}");
                }

                return Values.Normalize(list[(int)resolved]);
            default:
                throw Error(index, $"cannot index {Describe(index.Target)}, which is {Values.Describe(target)}");
        }
    }

    private static object? EvaluateUnary(UnaryExpr unary, ExpressionContext context)
    {
        var operand = EvaluateNode(unary.Operand, context);
        switch (unary.Operator, operand)
        {
            case (UnaryOperator.Not, bool b):
                return !b;
            case (UnaryOperator.Not, _):
                throw Error(unary, $"operator '!' requires a bool, but the operand is {Values.Describe(operand)}");
            case (UnaryOperator.Negate, long l):
                return l == long.MinValue ? throw Error(unary, "integer overflow in '-'") : -l;
            case (UnaryOperator.Negate, double d):
                return -d;
            default:
                throw Error(unary, $"operator '-' requires a number, but the operand is {Values.Describe(operand)}");
        }
    }

    private static object? EvaluateBinary(BinaryExpr binary, ExpressionContext context)
    {
        if (binary.IsLogical)
        {
            var left = RequireBool(binary, binary.Left, "left", context);
            // Short-circuit so that e.g. 'steps.x.outputs != null && steps.x.outputs.ready' is safe.
            if (binary.Operator == BinaryOperator.And ? !left : left)
            {
                return left;
            }

            return RequireBool(binary, binary.Right, "right", context);
        }

        var leftValue = EvaluateNode(binary.Left, context);
        var rightValue = EvaluateNode(binary.Right, context);
        switch (binary.Operator)
        {
            case BinaryOperator.Equal:
                return Values.AreEqual(leftValue, rightValue);
            case BinaryOperator.NotEqual:
                return !Values.AreEqual(leftValue, rightValue);
        }

        if (!Values.TryCompare(leftValue, rightValue, out var order))
        {
            throw Error(binary, $"operator '{binary.Symbol}' cannot compare {Values.Describe(leftValue)} with {Values.Describe(rightValue)}; only two numbers or two strings can be ordered");
        }

        return binary.Operator switch
        {
            BinaryOperator.Less => order < 0,
            BinaryOperator.LessEqual => order <= 0,
            BinaryOperator.Greater => order > 0,
            BinaryOperator.GreaterEqual => order >= 0,
            _ => throw new InvalidOperationException($"unexpected operator {binary.Operator}"),
        };
    }

    private static bool RequireBool(BinaryExpr binary, Expr operand, string side, ExpressionContext context)
    {
        var value = EvaluateNode(operand, context);
        return value is bool b
            ? b
            : throw Error(operand, $"operator '{binary.Symbol}' requires bool operands, but the {side} operand is {Values.Describe(value)}");
    }

    private static object? EvaluateCall(CallExpr call, ExpressionContext context)
    {
        var values = new object?[call.Arguments.Count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = EvaluateNode(call.Arguments[i], context);
        }

        var args = new FunctionArguments(call, values);
        if (!call.Function.AcceptsSecrets)
        {
            for (var i = 0; i < values.Length; i++)
            {
                if (values[i] is SecretValue)
                {
                    throw args.SecretError(i);
                }
            }
        }

        return Values.Normalize(call.Function.Implementation(args));
    }

    /// <summary>Names the operand by its source text so messages say which value was wrong.</summary>
    private static string Describe(Expr expression)
    {
        var text = expression.ToString();
        return text.Length <= MaxDescribedLength ? $"'{text}'" : "the value";
    }
}
