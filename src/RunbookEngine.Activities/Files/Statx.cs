using System.Runtime.InteropServices;

namespace RunbookEngine.Activities.Files;

/// <summary>The owner and file system of an entry, from statx(2): .NET exposes neither.</summary>
internal readonly record struct EntryStat(uint Uid, uint Gid, uint DeviceMajor, uint DeviceMinor)
{
    public bool SameFileSystem(EntryStat other) => DeviceMajor == other.DeviceMajor && DeviceMinor == other.DeviceMinor;
}

/// <summary>
/// statx(2), because its layout is the same on every architecture, unlike stat(2)'s. Linux only; elsewhere null.
/// DllImport rather than LibraryImport for the reason given in <c>RunbookEngine.Journal.LibC</c>.
/// </summary>
internal static class Statx
{
    private const int AtFdCwd = -100;
    private const int AtSymlinkNoFollow = 0x100;
    private const uint StatxUid = 0x8;
    private const uint StatxGid = 0x10;

    /// <summary>The entry at <paramref name="path"/>, not followed if it is a link; null when unknown.</summary>
    public static EntryStat? Of(string path)
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        // struct statx: stx_mask u32 @0, stx_uid u32 @20, stx_gid u32 @24, stx_dev_major u32 @136, stx_dev_minor u32 @140
        // (the device is always filled in, whatever the mask).
        var buffer = new byte[256];
        if (statx(AtFdCwd, path, AtSymlinkNoFollow, StatxUid | StatxGid, buffer) != 0)
        {
            return null;
        }

        var mask = BitConverter.ToUInt32(buffer, 0);
        if ((mask & (StatxUid | StatxGid)) != (StatxUid | StatxGid))
        {
            return null;
        }

        return new EntryStat(BitConverter.ToUInt32(buffer, 20), BitConverter.ToUInt32(buffer, 24), BitConverter.ToUInt32(buffer, 136), BitConverter.ToUInt32(buffer, 140));
    }

#pragma warning disable SYSLIB1054 // see the summary
    [DllImport("libc", SetLastError = true)]
    private static extern int statx(int dirfd, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, uint mask, byte[] buffer);
#pragma warning restore SYSLIB1054
}
