namespace RunbookEngine.Activities.DeviceDb.Tests;

public class PackTests
{
    [Fact]
    public void Pack_names_are_prefixed_with_the_system()
    {
        foreach (var activity in DeviceDbActivities.Create())
        {
            activity.Name.ShouldStartWith("devicedb.");
        }
    }
}
