using System.Security.Cryptography;
using System.Text;

namespace RunbookEngine.Activities.Tests.Support;

/// <summary>A temporary folder, deleted afterwards, with helpers to build trees and to fingerprint them.</summary>
internal sealed class TempTree : IDisposable
{
    public TempTree()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "runbook-activities-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    /// <summary>Writes a file (creating folders); returns its full path.</summary>
    public string Write(string relative, string content)
    {
        var full = Combine(relative);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.WriteAllText(full, content);
        return full;
    }

    public string Write(string relative, byte[] content)
    {
        var full = Combine(relative);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.WriteAllBytes(full, content);
        return full;
    }

    /// <summary>
    /// Every folder and file under the root (links listed, not followed) with size, content hash and modification
    /// time: equal fingerprints mean nothing was created, removed, written or touched.
    /// </summary>
    public string Fingerprint()
    {
        var text = new StringBuilder();
        var options = new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.ReparsePoint };
        foreach (var entry in new DirectoryInfo(Path).EnumerateFileSystemInfos("*", options).OrderBy(e => e.FullName, StringComparer.Ordinal))
        {
            text.Append(System.IO.Path.GetRelativePath(Path, entry.FullName)).Append(' ').Append(entry.LastWriteTimeUtc.Ticks);
            if (entry is FileInfo file)
            {
                text.Append(' ').Append(file.Length).Append(' ').Append(Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(file.FullName))));
            }

            text.Append('\n');
        }

        return text.ToString();
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
