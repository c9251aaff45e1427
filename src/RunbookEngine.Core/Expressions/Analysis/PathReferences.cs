using RunbookEngine.Expressions.Syntax;

namespace RunbookEngine.Expressions.Analysis;

/// <summary>Finds every property path in an expression so the loader can validate it against known schemas.</summary>
internal static class PathReferences
{
    /// <summary>One reference per maximal path, in source order; sub-paths used inside indexes are reported too.</summary>
    public static IReadOnlyList<PathReference> Collect(Expr expression)
    {
        var references = new List<PathReference>();
        Visit(expression, references);
        return references.OrderBy(r => r.Offset).ToList();
    }

    /// <summary>
    /// The reference that <paramref name="expression"/> itself denotes, or null if it is not a path rooted at a
    /// name (e.g. a member of a function result).
    /// </summary>
    public static PathReference? TryGet(Expr expression)
    {
        var chain = new List<Expr>();
        var current = expression;
        while (true)
        {
            switch (current)
            {
                case MemberExpr member:
                    chain.Add(member);
                    current = member.Target;
                    continue;
                case IndexExpr index:
                    chain.Add(index);
                    current = index.Target;
                    continue;
                case NameExpr:
                    break;
                default:
                    return null;
            }

            break;
        }

        var root = (NameExpr)current;
        chain.Reverse();
        var segments = new List<PathSegment>();
        var end = root.End;
        var truncated = false;
        foreach (var link in chain)
        {
            PathSegment? segment = link switch
            {
                MemberExpr member => new PathSegment(member.Name, null, member.NameOffset, member.Name.Length),
                IndexExpr index => StaticIndex(index),
                _ => null,
            };
            if (segment is null)
            {
                truncated = true;
                break;
            }

            segments.Add(segment);
            end = link.End;
        }

        return new PathReference(root.Name, segments, truncated, root.Offset, end - root.Offset);
    }

    private static PathSegment? StaticIndex(IndexExpr index)
    {
        var bracketOffset = index.Index.Offset - 1;
        var bracketLength = index.End - bracketOffset;
        return index.Index switch
        {
            LiteralExpr { Value: string key } => new PathSegment(key, null, bracketOffset, bracketLength),
            LiteralExpr { Value: long position } => new PathSegment(null, position, bracketOffset, bracketLength),
            UnaryExpr { Operator: UnaryOperator.Negate, Operand: LiteralExpr { Value: long position } } =>
                new PathSegment(null, -position, bracketOffset, bracketLength),
            _ => null,
        };
    }

    private static void Visit(Expr expression, List<PathReference> references)
    {
        switch (expression)
        {
            case MemberExpr or IndexExpr or NameExpr:
                if (TryGet(expression) is { } reference)
                {
                    references.Add(reference);
                }

                VisitChain(expression, references);
                break;
            case UnaryExpr unary:
                Visit(unary.Operand, references);
                break;
            case BinaryExpr binary:
                Visit(binary.Left, references);
                Visit(binary.Right, references);
                break;
            case CallExpr call:
                foreach (var argument in call.Arguments)
                {
                    Visit(argument, references);
                }

                break;
        }
    }

    /// <summary>
    /// Paths can hide inside index expressions (<c>steps[params.step].outputs</c>) and below a chain that starts at
    /// a call (<c>maxBy(steps.x.outputs.nodes, 'lsn').address</c>).
    /// </summary>
    private static void VisitChain(Expr expression, List<PathReference> references)
    {
        var current = expression;
        while (current is MemberExpr or IndexExpr)
        {
            if (current is IndexExpr index)
            {
                Visit(index.Index, references);
                current = index.Target;
            }
            else
            {
                current = ((MemberExpr)current).Target;
            }
        }

        if (current is not NameExpr)
        {
            Visit(current, references);
        }
    }
}
