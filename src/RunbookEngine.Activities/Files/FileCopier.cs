using System.Buffers;
using Microsoft.Win32.SafeHandles;

namespace RunbookEngine.Activities.Files;

/// <summary>
/// Copies one file with its mode and modification time, the fastest way that still honours cancellation:
/// <see cref="File.Copy(string, string)"/> (clone, else copy_file_range, mode and times included) up to
/// <see cref="ChunkedAbove"/>, larger files in kernel-side chunks (see <see cref="NativeCopy"/>), else through a buffer.
/// </summary>
internal static class FileCopier
{
    /// <summary>One File.Copy call cannot be interrupted; at this size it takes well under a second.</summary>
    public const long ChunkedAbove = 64L << 20;

    private const int BufferSize = 1 << 20;

    public static void Copy(string source, string target, long size, bool sync, ProgressMeter meter, string item, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (size == 0)
        {
            // Never open an empty entry: sockets and FIFOs look like empty files to .NET, and opening a FIFO blocks.
            using var empty = File.OpenHandle(target, FileMode.CreateNew, FileAccess.Write);
            CopyAttributes(source, empty);
            Flush(empty, sync);
        }
        else if (size <= ChunkedAbove)
        {
            File.Copy(source, target, overwrite: false);
            CopyOwner(source, target);
            if (sync)
            {
                // fsync works on a descriptor opened for reading, and a copied read-only file may not open for writing.
                using var copy = File.OpenHandle(target, FileMode.Open, FileAccess.Read);
                RandomAccess.FlushToDisk(copy);
            }

            meter.Add(size, item, force: true);
            return;
        }
        else
        {
            CopyInChunks(source, target, sync, meter, item, cancellationToken);
            return;
        }

        meter.Add(0, item, force: true);
    }

    private static void CopyInChunks(string source, string target, bool sync, ProgressMeter meter, string item, CancellationToken cancellationToken)
    {
        using var input = File.OpenHandle(source, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.SequentialScan);
        using var output = File.OpenHandle(target, FileMode.CreateNew, FileAccess.Write);
        long inOffset = 0, outOffset = 0;
        byte[]? buffer = null;
        try
        {
            CopyLoop(input, output, ref inOffset, ref outOffset, ref buffer, meter, item, cancellationToken);
        }
        finally
        {
            if (buffer is not null)
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }

        CopyAttributes(source, output);
        Flush(output, sync);
        meter.Report(item);
    }

    /// <summary>
    /// In the kernel while it can, else through a pooled buffer: with a fresh 1 MiB array per file the buffered copy of
    /// bench/fs-copy's tree took 1.75 times as long as the kernel copy, pooled 1.2 times (docs/benchmarks.md).
    /// </summary>
    private static void CopyLoop(SafeFileHandle input, SafeFileHandle output, ref long inOffset, ref long outOffset, ref byte[]? buffer, ProgressMeter meter, string item, CancellationToken cancellationToken)
    {
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            long copied;
            if (buffer is null && NativeCopy.TryCopy(input, ref inOffset, output, ref outOffset, ProgressMeter.ReportEvery) is { } native)
            {
                copied = native;
            }
            else
            {
                buffer ??= ArrayPool<byte>.Shared.Rent(BufferSize);
                copied = RandomAccess.Read(input, buffer.AsSpan(0, BufferSize), inOffset);
                RandomAccess.Write(output, buffer.AsSpan(0, (int)copied), outOffset);
                inOffset += copied;
                outOffset += copied;
            }

            if (copied == 0)
            {
                break;
            }

            meter.Add(copied, item);
        }
    }

    /// <summary>
    /// The owner, when this process may give files away (root; cp -a does the same): a database started as its own
    /// user must be able to read its copied files. A path rather than a handle, so links are covered too.
    /// </summary>
    public static void CopyOwner(string source, string target)
    {
        if (Environment.IsPrivilegedProcess && Ownership.Of(source) is { } owner)
        {
            Ownership.TrySet(target, owner);
        }
    }

    /// <summary>Databases check their files' permissions on start.</summary>
    private static void CopyAttributes(string source, SafeFileHandle target)
    {
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(target, File.GetUnixFileMode(source));
        }

        File.SetLastWriteTimeUtc(target, File.GetLastWriteTimeUtc(source));
        if (Environment.IsPrivilegedProcess && Ownership.Of(source) is { } owner)
        {
            Ownership.TrySet(target, owner);
        }
    }

    private static void Flush(SafeFileHandle file, bool sync)
    {
        if (sync)
        {
            RandomAccess.FlushToDisk(file);
        }
    }
}
