namespace RunbookEngine.Activities.Pegasus.Parsing;

/// <summary>
/// Finds why a meta server died: the message of the last fatal (<c>F</c>) line after <c>assertion expression: false</c>,
/// in the format of the seed's examples (<c>F12:16:26.793 (… 26cc) meta.default0…: file:line:function(): message</c>).
/// </summary>
internal static class MetaLog
{
    public static string? LastFatal(string text)
    {
        string? last = null;
        foreach (var line in text.Split('\n'))
        {
            if (!line.StartsWith('F'))
            {
                continue;
            }

            var at = line.IndexOf("(): ", StringComparison.Ordinal);
            if (at < 0)
            {
                continue;
            }

            var message = line[(at + 4)..].Trim();
            if (message != "assertion expression: false")
            {
                last = message;
            }
        }

        return last;
    }
}
