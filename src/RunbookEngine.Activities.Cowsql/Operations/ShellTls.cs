using RunbookEngine.Activities.Context;

namespace RunbookEngine.Activities.Cowsql.Operations;

/// <summary>
/// The client certificate and key the shell presents to a cluster that requires TLS: <c>-c &lt;cert&gt; -k &lt;key&gt;</c>
/// (`dqlite --help`: "-c, --cert string public TLS cert", "-k, --key string private TLS key"; the cowsql shell has
/// the same flags). Both or neither; paths are relative to the step's folder and must name files.
/// </summary>
internal sealed record ShellTls(string Cert, string Key)
{
    /// <summary>Null when neither is given.</summary>
    /// <exception cref="ActivityInputException">Only one is given, or a path names no file.</exception>
    public static ShellTls? From(string? cert, string? key, ActivityContext context)
    {
        if (string.IsNullOrEmpty(cert) && string.IsNullOrEmpty(key))
        {
            return null;
        }

        if (string.IsNullOrEmpty(cert) || string.IsNullOrEmpty(key))
        {
            var missing = string.IsNullOrEmpty(cert) ? "tlsCert" : "tlsKey";
            throw new ActivityInputException(missing, "a path, given together with the other", $"input '{missing}' is missing: tlsCert and tlsKey go together (the shell needs both to connect over TLS)");
        }

        return new ShellTls(Existing("tlsCert", cert, context), Existing("tlsKey", key, context));
    }

    public IEnumerable<string> Arguments() => ["-c", Cert, "-k", Key];

    private static string Existing(string input, string path, ActivityContext context)
    {
        var full = context.ResolvePath(path);
        return File.Exists(full)
            ? full
            : throw new ActivityInputException(input, "the path of a PEM file", $"input '{input}' names no file: {full}");
    }
}
