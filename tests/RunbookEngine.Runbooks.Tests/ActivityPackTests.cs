using RunbookEngine.Activities;

namespace RunbookEngine.Runbooks.Tests;

/// <summary>Every system pack the CLI ships names its activities after the system, and ships at least one.</summary>
public sealed class ActivityPackTests
{
    private static readonly Dictionary<string, Func<IReadOnlyList<IActivity>>> Packs = new()
    {
        ["cowsql"] = Activities.Cowsql.CowsqlActivities.Create,
        ["openmldb"] = Activities.OpenMldb.OpenMldbActivities.Create,
        ["pegasus"] = Activities.Pegasus.PegasusActivities.Create,
        ["devicedb"] = Activities.DeviceDb.DeviceDbActivities.Create,
        ["dragonboat"] = Activities.Dragonboat.DragonboatActivities.Create,
    };

    [Theory]
    [InlineData("cowsql")]
    [InlineData("openmldb")]
    [InlineData("pegasus")]
    [InlineData("devicedb")]
    [InlineData("dragonboat")]
    public void A_pack_ships_activities_named_after_its_system_and_the_CLI_ships_the_pack(string system)
    {
        var pack = Packs[system]();

        pack.ShouldNotBeEmpty();
        pack.ShouldAllBe(a => a.Name.StartsWith(system + ".", StringComparison.Ordinal));
        pack.Select(a => a.Name).ShouldBeSubsetOf(Cli.ActivityPacks.Create().Select(a => a.Name));
    }
}
