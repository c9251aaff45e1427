using System.Buffers;
using System.Security.Cryptography;

namespace RunbookEngine.Activities.Files;

/// <summary>SHA-256 of a file, read in large chunks, cancellable between them.</summary>
internal static class FileHash
{
    private const int BufferSize = 1 << 20;

    private static readonly string Empty = Convert.ToHexStringLower(SHA256.HashData(ReadOnlySpan<byte>.Empty));

    /// <summary>
    /// The lower-case hex SHA-256 of the file's content and its length. An entry whose size was 0 when scanned is not
    /// opened (it may be a FIFO, and opening one blocks); its hash is that of no bytes.
    /// </summary>
    public static (string Sha256, long Size) Of(string path, long scannedSize, Action<long>? onRead, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (scannedSize == 0)
        {
            return (Empty, 0);
        }

        using var file = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.SequentialScan);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            long offset = 0;
            int read;
            while ((read = RandomAccess.Read(file, buffer.AsSpan(0, BufferSize), offset)) > 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                hash.AppendData(buffer, 0, read);
                offset += read;
                onRead?.Invoke(read);
            }

            return (Convert.ToHexStringLower(hash.GetHashAndReset()), offset);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
