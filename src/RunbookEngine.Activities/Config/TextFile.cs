using System.Text;

namespace RunbookEngine.Activities.Config;

/// <summary>
/// A config file as text: strict UTF-8 (a file that is not would be damaged by a round trip), with its byte order
/// mark remembered so a rewrite keeps it. Symbolic links are followed: the file they point at is what gets edited.
/// </summary>
internal sealed record TextFile(string Path, string Text, bool ByteOrderMark)
{
    /// <summary>Config files are small; anything larger is almost certainly the wrong path.</summary>
    public const long MaxBytes = 16 * 1024 * 1024;

    private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Where writes go: the final target of a symbolic link, or the path itself.</summary>
    public static string WriteTarget(string path) =>
        File.Exists(path) && new FileInfo(path).ResolveLinkTarget(returnFinalTarget: true) is { } target ? target.FullName : path;

    /// <summary>The file, or a <see cref="ConfigProblem"/> saying why it cannot be edited.</summary>
    public static TextFile Read(string path)
    {
        if (Directory.Exists(path))
        {
            throw new ConfigProblem(ConfigProblem.NotFound, $"{path} is a folder, not a file");
        }

        if (!File.Exists(path))
        {
            throw new ConfigProblem(ConfigProblem.NotFound, $"{path} does not exist");
        }

        return Decode(path, File.ReadAllBytes(path), strict: true);
    }

    /// <summary>The current content for a diff, or null when there is no file; lenient, as the file is replaced whole.</summary>
    public static TextFile? TryReadForDiff(string path) =>
        File.Exists(path) ? Decode(path, File.ReadAllBytes(path), strict: false) : null;

    public byte[] Encode(string text)
    {
        var body = Strict.GetBytes(text);
        return ByteOrderMark ? [.. Encoding.UTF8.Preamble, .. body] : body;
    }

    private static TextFile Decode(string path, byte[] bytes, bool strict)
    {
        if (bytes.LongLength > MaxBytes)
        {
            throw new ConfigProblem(ConfigProblem.Unsupported, $"{path} is {bytes.LongLength} bytes; config edits handle files up to {MaxBytes} bytes");
        }

        var bom = bytes.AsSpan().StartsWith(Encoding.UTF8.Preamble);
        var body = bom ? bytes.AsSpan(3) : bytes;
        try
        {
            return new TextFile(path, strict ? Strict.GetString(body) : Encoding.UTF8.GetString(body), bom);
        }
        catch (DecoderFallbackException)
        {
            throw new ConfigProblem(ConfigProblem.Unsupported, $"{path} is not UTF-8 text; editing it would damage it");
        }
    }
}
