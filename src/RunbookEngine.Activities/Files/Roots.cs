using RunbookEngine.Activities.Context;

namespace RunbookEngine.Activities.Files;

/// <summary>
/// The folders a step declared it may touch (<c>roots:</c>), links resolved. An entry is inside when its folder,
/// resolved, is a root or below one: a link inside a root that points elsewhere does not carry the step out.
/// </summary>
internal sealed class Roots
{
    public const string OutsideRoots = "fs.outside-roots";

    private readonly IReadOnlyList<string> _real;

    private Roots(IReadOnlyList<string> declared, IReadOnlyList<string> real)
    {
        Declared = declared;
        _real = real;
    }

    /// <summary>The roots as declared, resolved against the working directory; for messages.</summary>
    public IReadOnlyList<string> Declared { get; }

    public static Roots Resolve(IReadOnlyList<string> roots, ActivityContext context, string input = "roots")
    {
        if (roots.Count == 0)
        {
            throw new ActivityInputException(input, "a list of at least one folder", $"input '{input}' must name at least one folder the step may touch");
        }

        var declared = roots.Select(r => Path.TrimEndingDirectorySeparator(context.ResolvePath(r))).ToList();
        return new Roots(declared, declared.Select(RealPath.Of).ToList());
    }

    /// <summary>
    /// Why the roots cannot be accepted, or null: a root of / would let the step touch anything, which is what
    /// declaring roots is meant to prevent. (Entries are still checked one by one against <see cref="ProtectedPaths"/>.)
    /// </summary>
    public string? Problem()
    {
        for (var i = 0; i < _real.Count; i++)
        {
            if (Path.TrimEndingDirectorySeparator(_real[i]) == Path.GetPathRoot(_real[i]))
            {
                return $"root {Declared[i]} is the root of the file system; declare the folders the step works in";
            }
        }

        return null;
    }

    public bool Contains(string realEntryPath) => _real.Any(root => RealPath.IsSameOrInside(realEntryPath, root));

    public string Describe() => string.Join(", ", Declared);
}
