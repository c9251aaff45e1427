using RunbookEngine.Activities;
using RunbookEngine.Core.Tests.Support;

namespace RunbookEngine.Core.Tests.Activities;

public sealed class ActivityCatalogTests
{
    [Fact]
    public void Activities_are_found_by_exact_name_and_listed_in_name_order()
    {
        var catalog = new ActivityCatalog([new TestActivities.Probe(), new TestActivities.Echo()]);

        catalog.All.Select(a => a.Name).ShouldBe(["test.echo", "test.probe"]);
        catalog.Find("test.echo").ShouldNotBeNull().Name.ShouldBe("test.echo");
        catalog.Find("TEST.ECHO").ShouldBeNull();
        catalog.Find("missing").ShouldBeNull();
    }

    [Fact]
    public void Two_activities_with_one_name_are_a_programming_error()
    {
        Should.Throw<InvalidOperationException>(() => new ActivityCatalog([new TestActivities.Echo(), new TestActivities.Echo()]))
            .Message.ShouldContain("test.echo");
    }

    [Fact]
    public void Empty_catalog_has_nothing()
    {
        ActivityCatalog.Empty.All.ShouldBeEmpty();
        ActivityCatalog.Empty.Find("test.echo").ShouldBeNull();
    }
}
