using RunbookEngine.Diagnostics;

namespace RunbookEngine.Runbooks.Tests;

/// <summary>The runbooks shipped in runbooks/ are valid, documented and consistent as a catalog.</summary>
public sealed class CatalogTests
{
    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        foreach (var file in Repository.RunbookFiles())
        {
            data.Add(Path.GetRelativePath(Repository.CatalogRoot, file).Replace('\\', '/'));
        }

        return data;
    }

    private static string Describe(IEnumerable<Diagnostic> diagnostics) =>
        string.Join(Environment.NewLine, diagnostics.Select(d => $"{d} hint: {d.Hint}"));

    [Fact]
    public void Catalog_is_not_empty_and_has_no_catalog_level_diagnostics()
    {
        Repository.Catalog.Entries.ShouldNotBeEmpty();
        Repository.Catalog.Diagnostics.ShouldBeEmpty(Describe(Repository.Catalog.Diagnostics));
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Runbook_loads_with_zero_diagnostics(string relative)
    {
        var result = Repository.Catalog.Loader.LoadFile(Path.Combine(Repository.CatalogRoot, relative));

        result.Diagnostics.ShouldBeEmpty(Describe(result.Diagnostics));
        result.Runbook.ShouldNotBeNull();
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Runbook_names_its_source(string relative)
    {
        var runbook = Repository.Catalog.Loader.LoadFile(Path.Combine(Repository.CatalogRoot, relative)).Runbook.ShouldNotBeNull();

        var source = runbook.Metadata.Source.ShouldNotBeNull($"{relative} has no metadata.source");
        source.Document.Trim().ShouldNotBeEmpty();
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Runbook_is_reachable_by_its_catalog_name(string relative)
    {
        var entry = Repository.Catalog.FindByPath(Path.Combine(Repository.CatalogRoot, relative)).ShouldNotBeNull();

        var loaded = CatalogFixture.Load($"{entry.Name}@{entry.Metadata!.Version}");

        loaded.Diagnostics.ShouldBeEmpty(Describe(loaded.Diagnostics));
        loaded.Runbook.ShouldNotBeNull().Name.ShouldBe(entry.ExpectedName);
    }

    [Fact]
    public void Fixture_reports_an_unknown_name_as_runbook_not_found()
    {
        var result = CatalogFixture.Load("examples/no-such-runbook");

        result.Runbook.ShouldBeNull();
        var diagnostic = result.Diagnostics.ShouldHaveSingleItem();
        diagnostic.Code.ShouldBe("RB0802");
        CatalogFixture.Load("Not A Name").Diagnostics.ShouldHaveSingleItem().Code.ShouldBe("RB0802");
        CatalogFixture.Bind("examples/no-such-runbook").Success.ShouldBeFalse();
    }

    [Fact]
    public void Example_runbooks_bind_typical_parameters()
    {
        var bound = CatalogFixture.Bind("examples/backup-cluster", "nodes=[{address: 127.0.0.1:9001, id: 1, dataDirectory: /tmp/node1}]");

        bound.Diagnostics.ShouldBeEmpty(Describe(bound.Diagnostics));
        var values = bound.Parameters.ShouldNotBeNull().AsDictionary();
        values["backupRoot"].ShouldBe("/var/backups/runbook");
        values["waitForStop"].ShouldBe("30s");
        CatalogFixture.Bind("examples/preflight").Diagnostics.ShouldHaveSingleItem().Code.ShouldBe("RB0702");
    }
}
