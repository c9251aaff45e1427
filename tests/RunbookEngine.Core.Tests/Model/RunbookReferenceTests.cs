using RunbookEngine.Model;

namespace RunbookEngine.Core.Tests.Model;

public sealed class RunbookReferenceTests
{
    [Theory]
    [InlineData("cowsql/restore-new-config", "cowsql/restore-new-config", null)]
    [InlineData("cowsql/restore-new-config@1.0.0", "cowsql/restore-new-config", "1.0.0")]
    [InlineData("a/b@2.1.0-rc.1", "a/b", "2.1.0-rc.1")]
    [InlineData("pg/replica/promote", "pg/replica/promote", null)]
    [InlineData("x9/0-start", "x9/0-start", null)]
    public void Parses_name_and_optional_version(string text, string name, string? version)
    {
        RunbookReference.TryParse(text, out var reference, out var error).ShouldBeTrue();

        error.ShouldBeNull();
        reference.Name.ShouldBe(name);
        reference.Version?.ToString().ShouldBe(version);
        if (version is null)
        {
            reference.Version.ShouldBeNull();
        }

        reference.ToString().ShouldBe(text);
    }

    [Theory]
    [InlineData("")]
    [InlineData("restore")]
    [InlineData("Cowsql/restore")]
    [InlineData("cowsql/Restore")]
    [InlineData("cowsql/")]
    [InlineData("/restore")]
    [InlineData("cowsql//restore")]
    [InlineData("-x/y")]
    [InlineData("cowsql/re_store")]
    [InlineData("cowsql/restore.yaml")]
    [InlineData("runbook:cowsql/restore")]
    public void Rejects_bad_names_with_an_explanation(string text)
    {
        RunbookReference.TryParse(text, out var reference, out var error).ShouldBeFalse();

        reference.ShouldBeNull();
        error.ShouldNotBeNull().ShouldContain("not a catalog name");
    }

    [Theory]
    [InlineData("a/b@")]
    [InlineData("a/b@1.0")]
    [InlineData("a/b@v1.0.0")]
    [InlineData("a/b@1.0.0@2.0.0")]
    [InlineData("a/b@latest")]
    public void Rejects_bad_versions_with_an_explanation(string text)
    {
        RunbookReference.TryParse(text, out var reference, out var error).ShouldBeFalse();

        reference.ShouldBeNull();
        error.ShouldNotBeNull().ShouldContain("not a semantic version");
    }
}
