using System.Globalization;
using RunbookEngine.Activities.Context;

namespace RunbookEngine.Activities.Network;

/// <summary>A <c>host:port</c> input; IPv6 literals are written in brackets, <c>[::1]:9001</c>, as in URLs.</summary>
internal sealed record Endpoint(string Host, int Port)
{
    public const string Expected = "host:port, e.g. 127.0.0.1:9001 or [::1]:9001";

    public static Endpoint Parse(string text, string input, SecretRedactor redactor)
    {
        var colon = text.LastIndexOf(':');
        var host = colon > 0 ? text[..colon] : string.Empty;
        if (host.StartsWith('[') && host.EndsWith(']'))
        {
            host = host[1..^1];
        }

        // An IPv6 host without brackets is ambiguous (is "::1:9001" a port?), so it is refused rather than guessed.
        var unbracketedIPv6 = host.Contains(':', StringComparison.Ordinal) && !text.StartsWith('[');
        if (host.Length == 0 || unbracketedIPv6
            || !int.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
        {
            throw new ActivityInputException(input, Expected, redactor.Redact($"input '{input}' must be {Expected}, found '{text}'"));
        }

        return new Endpoint(host, port);
    }

    public override string ToString() => Host.Contains(':', StringComparison.Ordinal) ? $"[{Host}]:{Port}" : $"{Host}:{Port}";
}
