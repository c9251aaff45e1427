using System.Formats.Tar;
using RunbookEngine.Activities.Archives;
using RunbookEngine.Activities.Planning;
using RunbookEngine.Activities.Tests.Support;

namespace RunbookEngine.Activities.Tests.Archives;

/// <summary>
/// Malicious archives are refused whole: the destination stays exactly as it was (here: absent, or holding one
/// marker file), and nothing appears beside it, even when harmless entries come before the bad one.
/// </summary>
public sealed class ArchiveExtractSecurityTests : IDisposable
{
    private readonly TempTree _dir = new();

    public ArchiveExtractSecurityTests()
    {
        // "outside" is what an escaping entry would reach; the destination sits in "work".
        _dir.Write("outside/keep.txt", "outside");
        Directory.CreateDirectory(_dir.Combine("work"));
    }

    public void Dispose() => _dir.Dispose();

    private string Destination => _dir.Combine("work", "dest");

    public static TheoryData<string> Malicious() => new(Archives.Keys);

    private static Dictionary<string, Func<TarBuilder>> Archives { get; } = new()
    {
        { "absolute path", () => new TarBuilder().File("good.txt").File("/tmp/runbook-evil-" + Guid.NewGuid().ToString("N")) },
        { "parent path", () => new TarBuilder().File("good.txt").File("../../outside/evil.txt") },
        { "parent inside a path", () => new TarBuilder().Folder("a/").File("a/../../outside/evil.txt") },
        { "drive letter", () => new TarBuilder().File("C:evil.txt") },
        { "backslash parent", () => new TarBuilder().File("..\\..\\outside\\evil.txt") },
        { "symlink escaping", () => new TarBuilder().File("good.txt").Symlink("link", "../../outside") },
        { "symlink absolute", () => new TarBuilder().Symlink("etc", "/etc") },
        { "symlink then write through it", () => new TarBuilder().Symlink("link", "../../outside").File("link/evil.txt") },
        { "write through an inside symlink", () => new TarBuilder().Folder("sub/").Symlink("link", "sub").File("link/x.txt") },
        { "symlink chain escaping", () => new TarBuilder().Symlink("a", ".").Symlink("b", "a/..") },
        { "symlink through symlink escaping", () => new TarBuilder().Folder("x/y/").Symlink("deep", "x/y").Symlink("up", "deep/../../..") },
        { "symlink loop", () => new TarBuilder().Symlink("a", "b").Symlink("b", "a") },
        { "hardlink escaping", () => new TarBuilder().File("good.txt").HardLink("hard", "../../outside/keep.txt") },
        { "hardlink absolute", () => new TarBuilder().HardLink("passwd", "/etc/passwd") },
        { "hardlink to a later file", () => new TarBuilder().HardLink("hard", "later.txt").File("later.txt") },
        { "hardlink through a symlink", () => new TarBuilder().Symlink("link", "..").HardLink("hard", "link/keep.txt") },
        { "character device", () => new TarBuilder().File("good.txt").Special(TarEntryType.CharacterDevice, "null") },
        { "block device", () => new TarBuilder().Special(TarEntryType.BlockDevice, "sda") },
        { "fifo", () => new TarBuilder().Special(TarEntryType.Fifo, "pipe") },
        { "duplicate", () => new TarBuilder().File("a/b.txt", "one").File("./a//b.txt", "two") },
        { "file used as a folder", () => new TarBuilder().File("a", "file").File("a/b.txt") },
        { "file named like the destination", () => new TarBuilder().File("./") },
    };

    [Theory]
    [MemberData(nameof(Malicious))]
    public async Task A_malicious_archive_is_refused_and_nothing_is_written(string why)
    {
        var archive = Archives[why];
        foreach (var gzip in new[] { false, true })
        {
            var path = archive().WriteTo(_dir.Combine(gzip ? "evil.tar.gz" : "evil.tar"), gzip);
            var before = _dir.Fingerprint();
            var test = new TestContext(_dir.Path);

            var failure = await Should.ThrowAsync<ActivityFailure>(
                () => new ArchiveExtract().Execute(test.Context, ("archive", path), ("destination", Destination), ("overwrite", true)), why);

            failure.ErrorType.ShouldBe(ArchiveProblem.UnsafeEntry, why);
            failure.Message.ShouldContain("nothing was extracted");
            Directory.Exists(Destination).ShouldBeFalse(why);
            _dir.Fingerprint().ShouldBe(before, why);
            Directory.EnumerateFiles(Path.GetTempPath(), "runbook-evil-*").ShouldBeEmpty();
        }
    }

    [Theory]
    [MemberData(nameof(Malicious))]
    public async Task The_plan_says_the_step_will_fail_and_writes_nothing(string why)
    {
        var archive = Archives[why];
        var path = archive().WriteTo(_dir.Combine("evil.tar"));
        var before = _dir.Fingerprint();

        var plan = await new ArchiveExtract().Plan(new TestContext(_dir.Path).Context, ("archive", path), ("destination", Destination));

        plan.Risks.ShouldHaveSingleItem(why).Severity.ShouldBe(RiskSeverity.High);
        plan.Risks[0].Text.ShouldContain(ArchiveProblem.UnsafeEntry);
        plan.Effects.ShouldBeEmpty();
        _dir.Fingerprint().ShouldBe(before, why);
    }

    [Fact]
    public async Task An_existing_destination_keeps_exactly_what_it_had()
    {
        _dir.Write("work/dest/marker.txt", "before");
        var path = new TarBuilder().File("marker.txt", "replaced").File("new.txt").Symlink("out", "../../../outside").WriteTo(_dir.Combine("evil.tar"));
        var before = _dir.Fingerprint();

        await Should.ThrowAsync<ActivityFailure>(() => new ArchiveExtract().Execute(new TestContext(_dir.Path).Context, ("archive", path), ("destination", Destination), ("overwrite", true)));

        _dir.Fingerprint().ShouldBe(before);
        Directory.EnumerateFileSystemEntries(Destination).Select(Path.GetFileName).ShouldBe(["marker.txt"]);
    }

    [Fact]
    public async Task A_symlink_already_in_the_destination_is_never_written_through()
    {
        Directory.CreateDirectory(Destination);
        File.CreateSymbolicLink(Path.Combine(Destination, "sub"), _dir.Combine("outside"));
        var path = new TarBuilder().File("ok.txt").File("sub/evil.txt").WriteTo(_dir.Combine("evil.tar"));
        var before = _dir.Fingerprint();

        var failure = await Should.ThrowAsync<ActivityFailure>(() => new ArchiveExtract().Execute(new TestContext(_dir.Path).Context, ("archive", path), ("destination", Destination)));

        failure.ErrorType.ShouldBe(ArchiveProblem.UnsafeDestination);
        _dir.Fingerprint().ShouldBe(before);
        File.Exists(_dir.Combine("outside", "evil.txt")).ShouldBeFalse();
    }

    [Fact]
    public async Task A_symlink_target_through_a_symlink_already_in_the_destination_is_refused()
    {
        Directory.CreateDirectory(Destination);
        File.CreateSymbolicLink(Path.Combine(Destination, "up"), _dir.Combine("outside"));
        var path = new TarBuilder().Symlink("reach", "up/keep.txt").WriteTo(_dir.Combine("evil.tar"));
        var before = _dir.Fingerprint();

        var failure = await Should.ThrowAsync<ActivityFailure>(() => new ArchiveExtract().Execute(new TestContext(_dir.Path).Context, ("archive", path), ("destination", Destination)));

        failure.ErrorType.ShouldBe(ArchiveProblem.UnsafeEntry);
        _dir.Fingerprint().ShouldBe(before);
    }

    [Fact]
    public async Task Every_problem_is_counted_and_the_first_ones_named()
    {
        var builder = new TarBuilder();
        for (var i = 0; i < 7; i++)
        {
            builder.File($"../evil{i}.txt");
        }

        var failure = await Should.ThrowAsync<ActivityFailure>(() => new ArchiveExtract().Execute(
            new TestContext(_dir.Path).Context, ("archive", builder.WriteTo(_dir.Combine("evil.tar"))), ("destination", Destination)));

        failure.Message.ShouldContain("7 unsafe entries");
        failure.Message.ShouldContain("'../evil0.txt' has a '..' component");
        failure.Message.ShouldContain("and 2 more");
        failure.Retryable.ShouldBeFalse();
    }
}
