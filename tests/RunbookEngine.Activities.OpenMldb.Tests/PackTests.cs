namespace RunbookEngine.Activities.OpenMldb.Tests;

public class PackTests
{
    [Fact]
    public void Pack_names_are_prefixed_with_the_system()
    {
        foreach (var activity in OpenMldbActivities.Create())
        {
            activity.Name.ShouldStartWith("openmldb.");
        }
    }
}
