using RunbookEngine.Journal;

namespace RunbookEngine.Core.Tests.Journal;

public sealed class StorageErrorsTests
{
    [Fact]
    public void A_full_device_is_a_storage_failure_described_without_the_path_net_appends()
    {
        // /dev/full answers every write with ENOSPC: the kernel's own error, as on a full state disk.
        var error = Should.Throw<IOException>(() =>
        {
            using var full = new FileStream("/dev/full", FileMode.Open, FileAccess.Write, FileShare.ReadWrite, bufferSize: 0);
            full.Write(new byte[16]);
        });

        error.Message.ShouldEndWith(" : '/dev/full'");
        StorageErrors.IsStorageFailure(error).ShouldBeTrue();
        StorageErrors.Describe(error).ShouldBe("No space left on device");
    }

    [Fact]
    public void A_write_past_the_file_size_limit_is_named_so()
    {
        // What .NET throws for EFBIG (System.IO.RandomAccess.WriteAtOffset); its own text names neither cause.
        var efbig = new ArgumentOutOfRangeException("value", "Specified file length was too large for the file system.");

        StorageErrors.IsStorageFailure(efbig).ShouldBeTrue();
        StorageErrors.Describe(efbig).ShouldBe("File too large (beyond the file system's or the process's file-size limit, see ulimit -f)");
    }

    [Fact]
    public void Other_exceptions_are_not_storage_failures()
    {
        StorageErrors.IsStorageFailure(new ArgumentOutOfRangeException("index")).ShouldBeFalse();
        StorageErrors.IsStorageFailure(new InvalidOperationException("bug")).ShouldBeFalse();
        StorageErrors.IsStorageFailure(new UnauthorizedAccessException("Access to the path '/x' is denied.")).ShouldBeTrue();
        StorageErrors.Describe(new UnauthorizedAccessException("Access to the path '/x' is denied.")).ShouldBe("Access to the path '/x' is denied");
    }
}
