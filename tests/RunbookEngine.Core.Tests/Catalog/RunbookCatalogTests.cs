using RunbookEngine.Catalog;
using RunbookEngine.Core.Tests.Support;
using RunbookEngine.Diagnostics;
using RunbookEngine.Model;

namespace RunbookEngine.Core.Tests.Catalog;

public sealed class RunbookCatalogTests : IDisposable
{
    private const string NoopSteps = """
        steps:
          - id: a
            uses: test.noop
        """;

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private string Root => Path.Combine(_dir.Path, "runbooks");

    private string Write(string relative, string name, string version, string body = NoopSteps) =>
        _dir.Write(Path.Combine("runbooks", relative), $"""
            apiVersion: runbook/v1
            kind: Runbook
            metadata:
              name: {name}
              version: {version}
              title: T

            """ + body + "\n");

    private RunbookCatalog Open() => RunbookCatalog.Open(Root, TestActivities.Catalog);

    private static RunbookReference Ref(string text)
    {
        RunbookReference.TryParse(text, out var reference, out _).ShouldBeTrue();
        return reference;
    }

    [Fact]
    public void Lists_yaml_files_below_the_root_in_order()
    {
        Write("b/two.yaml", "b/two", "1.0.0");
        Write("a/one.yml", "a/one", "1.0.0");
        _dir.Write("runbooks/a/readme.md", "# not a runbook");

        var catalog = Open();

        catalog.Entries.Select(e => e.ExpectedName).ShouldBe(["a/one", "b/two"]);
        catalog.Diagnostics.ShouldBeEmpty();
        catalog.Root.ShouldBe(Path.GetFullPath(Root));
    }

    [Fact]
    public void Opening_reads_nothing_and_resolving_reads_only_the_files_at_that_name()
    {
        Write("db/restore.yaml", "db/restore", "2.0.0");
        Write("db/restore@1.0.0.yaml", "db/restore", "1.0.0");
        for (var i = 0; i < 20; i++)
        {
            Write($"other/r{i}.yaml", $"other/r{i}", "1.0.0");
        }

        var catalog = Open();
        catalog.FilesRead.ShouldBe(0);

        catalog.Resolve(Ref("db/restore@1.0.0")).Runbook.ShouldNotBeNull().Metadata.Version.ToString().ShouldBe("1.0.0");
        catalog.FilesRead.ShouldBe(2, "both versions at db/restore, nothing else");
        catalog.FindByPath(Path.Combine(Root, "other", "r3.yaml")).ShouldNotBeNull();
        catalog.FilesRead.ShouldBe(3);

        catalog.Entries.Count.ShouldBe(22);
        catalog.FilesRead.ShouldBe(22);
    }

    [Fact]
    public void A_runbook_stored_away_from_its_place_is_still_found_by_the_name_it_declares()
    {
        Write("misplaced/here.yaml", "db/elsewhere", "1.0.0");
        Write("db/other.yaml", "db/other", "1.0.0");

        var catalog = Open();

        catalog.Resolve(Ref("db/elsewhere")).Runbook.ShouldNotBeNull();
        catalog.Diagnostics.ShouldHaveSingleItem().Code.ShouldBe("RB0203");
    }

    [Fact]
    public void The_problems_of_some_files_include_duplicates_at_their_place_and_read_nothing_else()
    {
        var current = Write("db/restore.yaml", "db/restore", "1.0.0");
        Write("db/restore@1.0.0.yaml", "db/restore", "1.0.0");
        Write("db/wrong.yaml", "db/not-wrong", "1.0.0");

        var catalog = Open();
        var problems = catalog.DiagnosticsOf([current]);

        problems.Select(d => d.Code).ShouldBe(["RB0603"]);
        catalog.FilesRead.ShouldBe(2);
    }

    [Fact]
    public void Files_are_read_once_when_many_threads_ask_at_the_same_time()
    {
        var files = Enumerable.Range(0, 40).Select(i => Write($"p/r{i}.yaml", $"p/r{i}", "1.0.0")).ToList();
        var catalog = Open();

        var entries = RunbookEngine.Loading.Concurrently.Map(files.Count * 3, i => catalog.FindByPath(files[i % files.Count]));

        entries.ShouldAllBe(e => e != null);
        for (var i = 0; i < files.Count; i++)
        {
            entries[i].ShouldBeSameAs(entries[i + files.Count]);
            entries[i].ShouldBeSameAs(entries[i + (2 * files.Count)]);
        }

        catalog.FilesRead.ShouldBe(files.Count);
    }

    [Fact]
    public void Resolves_the_highest_version_by_semver_precedence()
    {
        Write("db/restore.yaml", "db/restore", "1.10.0");
        Write("db/restore@1.9.0.yaml", "db/restore", "1.9.0");
        Write("db/restore@2.0.0-rc.1.yaml", "db/restore", "2.0.0-rc.1");
        Write("db/restore@1.2.0.yaml", "db/restore", "1.2.0");

        var catalog = Open();

        catalog.Diagnostics.ShouldBeEmpty(Runbooks.Describe(catalog.Diagnostics));
        catalog.Resolve(Ref("db/restore")).Runbook.ShouldNotBeNull().Version.ToString().ShouldBe("2.0.0-rc.1");
    }

    [Fact]
    public void Resolves_an_exact_version()
    {
        Write("db/restore.yaml", "db/restore", "2.0.0");
        Write("db/restore@1.0.0.yaml", "db/restore", "1.0.0");

        var catalog = Open();

        catalog.Resolve(Ref("db/restore@1.0.0")).Runbook.ShouldNotBeNull().Version.ToString().ShouldBe("1.0.0");
        catalog.Select(Ref("db/restore@1.0.0"), out _, out _).ShouldNotBeNull().Path.ShouldEndWith("restore@1.0.0.yaml");
    }

    [Fact]
    public void Missing_version_lists_the_versions_there_are()
    {
        Write("db/restore.yaml", "db/restore", "2.0.0");
        Write("db/restore@1.0.0.yaml", "db/restore", "1.0.0");

        var resolution = Open().Resolve(Ref("db/restore@1.5.0"));

        resolution.Runbook.ShouldBeNull();
        resolution.Invalid.ShouldBeFalse();
        resolution.Error.ShouldBe("runbook 'db/restore' has no version 1.5.0");
        resolution.Hint.ShouldBe("versions in the catalog: 1.0.0, 2.0.0");
    }

    [Fact]
    public void Missing_name_suggests_a_close_one()
    {
        Write("db/restore.yaml", "db/restore", "1.0.0");

        var resolution = Open().Resolve(Ref("db/restor"));

        resolution.Error.ShouldNotBeNull().ShouldStartWith("there is no runbook 'db/restor' in the catalog");
        resolution.Hint.ShouldBe("did you mean 'db/restore'? runbooks: db/restore");
    }

    [Fact]
    public void Runbook_with_errors_resolves_as_invalid()
    {
        Write("db/broken.yaml", "db/broken", "1.0.0", "steps:\n  - id: a\n    uses: nope\n  - id: b\n    uses: nope");

        var resolution = Open().Resolve(Ref("db/broken"));

        resolution.Runbook.ShouldBeNull();
        resolution.Invalid.ShouldBeTrue();
        resolution.Error.ShouldNotBeNull().ShouldContain("has 2 errors");
    }

    [Fact]
    public void Two_files_with_the_same_name_and_version_are_reported()
    {
        Write("db/restore.yaml", "db/restore", "1.0.0");
        Write("db/restore@1.0.0.yaml", "db/restore", "1.0.0");

        var diagnostic = Open().Diagnostics.ShouldHaveSingleItem();

        diagnostic.Code.ShouldBe("RB0603");
        diagnostic.Message.ShouldStartWith("db/restore@1.0.0 is also defined in ");
        diagnostic.YamlPath.ShouldBe("metadata.version");
        diagnostic.Span.Line.ShouldBe(5);
    }

    [Fact]
    public void Versions_differing_only_in_build_metadata_are_duplicates()
    {
        // Build metadata does not count for precedence, so a reference to 1.0.0 could mean either file.
        Write("db/restore.yaml", "db/restore", "1.0.0+build.2");
        Write("db/restore@1.0.0+build.1.yaml", "db/restore", "1.0.0+build.1");

        Open().Diagnostics.ShouldHaveSingleItem().Code.ShouldBe("RB0603");
    }

    [Fact]
    public void Name_must_match_the_path()
    {
        Write("db/restore.yaml", "db/repair", "1.0.0");

        var diagnostic = Open().Diagnostics.ShouldHaveSingleItem();

        diagnostic.Code.ShouldBe("RB0203");
        diagnostic.Message.ShouldBe("runbook 'db/repair' is stored as runbooks/db/restore.yaml, which is the place of 'db/restore'");
        diagnostic.YamlPath.ShouldBe("metadata.name");
        diagnostic.Span.Line.ShouldBe(4);
    }

    [Fact]
    public void Versioned_file_name_must_match_the_version()
    {
        Write("db/restore@1.0.0.yaml", "db/restore", "1.0.1");

        var diagnostic = Open().Diagnostics.ShouldHaveSingleItem();

        diagnostic.Code.ShouldBe("RB0203");
        diagnostic.Message.ShouldBe("version 1.0.1 is stored in a file named for version 1.0.0");
    }

    [Fact]
    public void Versioned_files_are_named_after_the_runbook_without_the_version()
    {
        Write("db/restore@1.0.0.yaml", "db/restore", "1.0.0");

        var catalog = Open();

        catalog.Diagnostics.ShouldBeEmpty();
        catalog.Entries.ShouldHaveSingleItem().ExpectedName.ShouldBe("db/restore");
        catalog.Entries[0].Name.ShouldBe("db/restore");
    }

    [Fact]
    public void Missing_root_is_an_empty_catalog()
    {
        var catalog = RunbookCatalog.Open(Path.Combine(_dir.Path, "nothing-here"), TestActivities.Catalog);

        catalog.Entries.ShouldBeEmpty();
        catalog.Diagnostics.ShouldBeEmpty();
        catalog.Resolve(Ref("a/b")).Error.ShouldNotBeNull().ShouldContain("there is no runbook 'a/b'");
    }

    [Fact]
    public void Cycle_between_two_runbooks_is_reported_in_both_files()
    {
        var a = Write("cy/a.yaml", "cy/a", "1.0.0", "steps:\n  - id: call-b\n    uses: runbook:cy/b");
        var b = Write("cy/b.yaml", "cy/b", "1.0.0", "steps:\n  - id: call-a\n    uses: runbook:cy/a");

        var catalog = Open();
        var fromA = catalog.Loader.LoadFile(a);
        var fromB = catalog.Loader.LoadFile(b);

        var inA = fromA.Diagnostics.ShouldHaveSingleItem();
        inA.Code.ShouldBe("RB0602");
        inA.Message.ShouldBe("calling 'cy/b' leads back to this runbook: cy/a@1.0.0 → cy/b@1.0.0 → cy/a@1.0.0");
        inA.YamlPath.ShouldBe("steps[0].uses");
        inA.Span.File.ShouldEndWith("a.yaml");
        var inB = fromB.Diagnostics.ShouldHaveSingleItem();
        inB.Code.ShouldBe("RB0602");
        inB.Message.ShouldBe("calling 'cy/a' leads back to this runbook: cy/b@1.0.0 → cy/a@1.0.0 → cy/b@1.0.0");
        fromA.Runbook.ShouldBeNull();
    }

    [Fact]
    public void Longer_cycle_is_reported_with_its_whole_path()
    {
        var a = Write("cy/a.yaml", "cy/a", "1.0.0", "steps:\n  - id: call-b\n    uses: runbook:cy/b");
        Write("cy/b.yaml", "cy/b", "1.0.0", "steps:\n  - id: call-c\n    uses: runbook:cy/c");
        Write("cy/c.yaml", "cy/c", "1.0.0", "steps:\n  - id: call-a\n    uses: runbook:cy/a");

        Open().Loader.LoadFile(a).Diagnostics.ShouldHaveSingleItem().Message.ShouldEndWith("cy/a@1.0.0 → cy/b@1.0.0 → cy/c@1.0.0 → cy/a@1.0.0");
    }

    [Fact]
    public void Self_call_is_a_cycle()
    {
        var self = Write("cy/self.yaml", "cy/self", "1.0.0", "steps:\n  - id: again\n    uses: runbook:cy/self");

        var diagnostic = Open().Loader.LoadFile(self).Diagnostics.ShouldHaveSingleItem();

        diagnostic.Code.ShouldBe("RB0602");
        diagnostic.Message.ShouldBe("calling 'cy/self' leads back to this runbook: cy/self@1.0.0 → cy/self@1.0.0");
    }

    [Fact]
    public void Calling_an_older_version_of_the_same_runbook_is_no_cycle()
    {
        var current = Write("db/restore.yaml", "db/restore", "2.0.0", "steps:\n  - id: legacy\n    uses: runbook:db/restore@1.0.0");
        Write("db/restore@1.0.0.yaml", "db/restore", "1.0.0");

        Open().Loader.LoadFile(current).Diagnostics.ShouldBeEmpty();
    }

    [Fact]
    public void Cycle_through_another_version_is_still_a_cycle()
    {
        var current = Write("db/restore.yaml", "db/restore", "2.0.0", "steps:\n  - id: legacy\n    uses: runbook:db/restore@1.0.0");
        Write("db/restore@1.0.0.yaml", "db/restore", "1.0.0", "steps:\n  - id: latest\n    uses: runbook:db/restore");

        Open().Loader.LoadFile(current).Diagnostics.ShouldHaveSingleItem().Message
            .ShouldEndWith("db/restore@2.0.0 → db/restore@1.0.0 → db/restore@2.0.0");
    }

    [Fact]
    public void Calls_that_form_a_tree_are_no_cycle()
    {
        var top = Write("t/top.yaml", "t/top", "1.0.0", "steps:\n  - id: x\n    uses: runbook:t/left\n  - id: y\n    uses: runbook:t/right");
        Write("t/left.yaml", "t/left", "1.0.0", "steps:\n  - id: s\n    uses: runbook:t/shared");
        Write("t/right.yaml", "t/right", "1.0.0", "steps:\n  - id: s\n    uses: runbook:t/shared");
        Write("t/shared.yaml", "t/shared", "1.0.0");

        Open().Loader.LoadFile(top).Diagnostics.ShouldBeEmpty();
    }

    [Fact]
    public void Calls_resolve_against_the_catalog_when_loading_through_it()
    {
        Write("db/callee.yaml", "db/callee", "1.0.0", "parameters:\n  port: { type: int, required: true }\n" + NoopSteps);
        var caller = Write("db/caller.yaml", "db/caller", "1.0.0", "steps:\n  - id: call\n    uses: runbook:db/callee\n    with: { prot: 1 }");

        // 'prot' is unknown and suggests 'port': one mistake, so 'port' is not also reported missing.
        Open().Loader.LoadFile(caller).Codes().ShouldBe(["RB0406"]);
        var other = Write("db/other.yaml", "db/other", "1.0.0", "steps:\n  - id: call\n    uses: runbook:db/callee\n    with: { zzz: 1 }");
        Open().Loader.LoadFile(other).Codes().ShouldBe(["RB0405", "RB0406"], ignoreOrder: true);
    }

    [Fact]
    public void Discover_finds_the_nearest_runbooks_folder()
    {
        Write("db/restore.yaml", "db/restore", "1.0.0");
        var nested = Path.Combine(Root, "db");

        RunbookCatalog.Discover(nested).ShouldBe(Path.GetFullPath(Root));
        RunbookCatalog.Discover(_dir.Path).ShouldBe(Path.GetFullPath(Root));
    }

    [Fact]
    public void Find_by_path_and_contains()
    {
        var file = Write("db/restore.yaml", "db/restore", "1.0.0");
        var catalog = Open();

        catalog.Contains(file).ShouldBeTrue();
        catalog.Contains(Path.Combine(_dir.Path, "elsewhere.yaml")).ShouldBeFalse();
        catalog.FindByPath(file).ShouldNotBeNull().ExpectedName.ShouldBe("db/restore");
    }
}
