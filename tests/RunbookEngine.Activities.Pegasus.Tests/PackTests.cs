namespace RunbookEngine.Activities.Pegasus.Tests;

public class PackTests
{
    [Fact]
    public void Pack_names_are_prefixed_with_the_system()
    {
        foreach (var activity in PegasusActivities.Create())
        {
            activity.Name.ShouldStartWith("pegasus.");
        }
    }
}
