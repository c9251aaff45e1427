namespace RunbookEngine.Activities.Files;

internal static class FreeSpace
{
    /// <summary>Free bytes on the file system <paramref name="path"/> would be on (its nearest existing folder), when the OS says.</summary>
    public static long? Near(string path)
    {
        var existing = path;
        while (!Directory.Exists(existing) && Path.GetDirectoryName(existing) is { } up)
        {
            existing = up;
        }

        try
        {
            return new DriveInfo(existing).AvailableFreeSpace;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return null;
        }
    }
}
