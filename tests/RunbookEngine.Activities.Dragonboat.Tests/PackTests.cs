namespace RunbookEngine.Activities.Dragonboat.Tests;

public class PackTests
{
    [Fact]
    public void Pack_names_are_prefixed_with_the_system()
    {
        foreach (var activity in DragonboatActivities.Create())
        {
            activity.Name.ShouldStartWith("dragonboat.");
        }
    }
}
