using RunbookEngine.Activities.Files;
using RunbookEngine.Activities.Tests.Support;

namespace RunbookEngine.Activities.Tests.Files;

/// <summary>The few libc calls the file activities make, checked against what the OS says through other means.</summary>
public sealed class NativeCallsTests : IDisposable
{
    private readonly TempTree _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Statx_reads_the_owner_and_tells_file_systems_apart()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        var here = Statx.Of(_dir.Path).ShouldNotBeNull();
        here.Uid.ShouldBe(uint.Parse(Run("id", "-u"), System.Globalization.CultureInfo.InvariantCulture));
        here.SameFileSystem(Statx.Of(_dir.Write("x", "x")).ShouldNotBeNull()).ShouldBeTrue();
        Statx.Of("/proc").ShouldNotBeNull().SameFileSystem(here).ShouldBeFalse();
        Statx.Of(_dir.Combine("missing")).ShouldBeNull();
    }

    [Fact]
    public void A_rename_without_replace_does_not_clobber()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        var from = _dir.Write("a", "a");
        var to = _dir.Write("b", "b");

        NativeRename.Rename(from, to, replace: false).ShouldBe(NativeRename.EEXIST);
        File.ReadAllText(to).ShouldBe("b");
        NativeRename.Rename(from, to, replace: true).ShouldBe(0);
        File.ReadAllText(to).ShouldBe("a");
    }

    [Fact]
    public void Real_paths_resolve_links_anywhere_along_the_path_and_relative_ones_from_their_folder()
    {
        Directory.CreateDirectory(_dir.Combine("real", "inner"));
        Directory.CreateSymbolicLink(_dir.Combine("abs"), _dir.Combine("real"));
        Directory.CreateSymbolicLink(_dir.Combine("real", "rel"), "inner");

        RealPath.Of(_dir.Combine("abs", "rel", "missing", "x")).ShouldBe(_dir.Combine("real", "inner", "missing", "x"));
        RealPath.OfEntry(_dir.Combine("abs", "rel")).ShouldBe(_dir.Combine("real", "rel"));
    }

    [Fact]
    public void A_link_cycle_is_an_error_not_a_hang()
    {
        File.CreateSymbolicLink(_dir.Combine("a"), _dir.Combine("b"));
        File.CreateSymbolicLink(_dir.Combine("b"), _dir.Combine("a"));

        Should.Throw<IOException>(() => RealPath.Of(_dir.Combine("a", "x")));
    }

    private static string Run(string program, string argument)
    {
        using var process = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo(program, argument) { RedirectStandardOutput = true })!;
        var output = process.StandardOutput.ReadToEnd().Trim();
        process.WaitForExit();
        return output;
    }
}
