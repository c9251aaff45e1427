using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace RunbookEngine.Activities.Files;

/// <summary>
/// File owners, which .NET does not expose. A database reads its files as its own user: a config rewritten or a
/// data file copied by a runbook running as root must keep its owner, or the node may not start. Linux only;
/// elsewhere owners are left alone. DllImport rather than LibraryImport for the reason given in <c>RunbookEngine.Journal.LibC</c>.
/// </summary>
internal static class Ownership
{
    /// <summary>The owner and group of <paramref name="path"/> (not followed if a link), or null when unknown.</summary>
    public static (uint Uid, uint Gid)? Of(string path) => Statx.Of(path) is { } stat ? (stat.Uid, stat.Gid) : null;

    /// <summary>Gives <paramref name="file"/> that owner; false when not permitted (only root may give files away).</summary>
    public static bool TrySet(SafeFileHandle file, (uint Uid, uint Gid) owner) =>
        OperatingSystem.IsLinux() && fchown(file, owner.Uid, owner.Gid) == 0;

    /// <summary>As <see cref="TrySet(SafeFileHandle, ValueTuple{uint, uint})"/> for a path (not followed if a link).</summary>
    public static bool TrySet(string path, (uint Uid, uint Gid) owner) =>
        OperatingSystem.IsLinux() && lchown(path, owner.Uid, owner.Gid) == 0;

#pragma warning disable SYSLIB1054 // see the summary
    [DllImport("libc", SetLastError = true)]
    private static extern int fchown(SafeFileHandle fd, uint owner, uint group);

    [DllImport("libc", SetLastError = true)]
    private static extern int lchown([MarshalAs(UnmanagedType.LPUTF8Str)] string path, uint owner, uint group);
#pragma warning restore SYSLIB1054
}
