using System.Buffers;
using Microsoft.Win32.SafeHandles;

namespace RunbookEngine.Activities.Cowsql.Inspection;

/// <summary>
/// Sequential reads over a file through one pooled 256 KiB window, so a segment of any size is
/// parsed in constant memory (the budget: &lt; 50 MB peak for a 100 MB directory).
/// Skipping is free: bytes that need neither parsing nor checksumming are never read.
/// </summary>
internal sealed class ChunkReader : IDisposable
{
    private const int WindowSize = 256 * 1024;

    private readonly SafeFileHandle _handle;
    private readonly byte[] _window = ArrayPool<byte>.Shared.Rent(WindowSize);
    private long _windowStart;
    private int _windowLength;

    public ChunkReader(SafeFileHandle handle)
    {
        _handle = handle;
        Length = RandomAccess.GetLength(handle);
    }

    public long Length { get; }

    public long Position { get; private set; }

    public long Remaining => Length - Position;

    /// <summary>Fills <paramref name="destination"/> from the current position; false at end of file.</summary>
    public bool TryRead(Span<byte> destination)
    {
        if (destination.Length > Remaining)
        {
            return false;
        }

        while (!destination.IsEmpty)
        {
            var available = Available(destination.Length);
            available.CopyTo(destination);
            destination = destination[available.Length..];
            Position += available.Length;
        }

        return true;
    }

    /// <summary>Continues <paramref name="crc"/> over the next <paramref name="count"/> bytes, window by window.</summary>
    public uint Checksum(long count, uint crc)
    {
        while (count > 0)
        {
            var piece = Available((int)Math.Min(count, WindowSize));
            crc = RaftCrc32.Update(crc, piece);
            Position += piece.Length;
            count -= piece.Length;
        }

        return crc;
    }

    public void Skip(long count) => Position += count;

    /// <summary>Whether every byte from the current position to the end is zero; consumes them.</summary>
    public bool RestIsZero()
    {
        while (Remaining > 0)
        {
            var piece = Available((int)Math.Min(Remaining, WindowSize));
            Position += piece.Length;
            if (piece.ContainsAnyExcept((byte)0))
            {
                return false;
            }
        }

        return true;
    }

    public void Dispose() => ArrayPool<byte>.Shared.Return(_window);

    private ReadOnlySpan<byte> Available(int wanted)
    {
        var offset = Position - _windowStart;
        if (offset < 0 || offset >= _windowLength)
        {
            _windowStart = Position;
            _windowLength = Fill();
            offset = 0;
        }

        var length = (int)Math.Min(wanted, _windowLength - offset);
        if (length <= 0)
        {
            throw new EndOfStreamException("file shrank while it was being read");
        }

        return _window.AsSpan((int)offset, length);
    }

    private int Fill()
    {
        var filled = 0;
        while (filled < WindowSize)
        {
            var n = RandomAccess.Read(_handle, _window.AsSpan(filled, WindowSize - filled), _windowStart + filled);
            if (n == 0)
            {
                break;
            }

            filled += n;
        }

        return filled;
    }
}
