using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using RunbookEngine.Activities;
using RunbookEngine.Format;
using RunbookEngine.Hosting;

namespace RunbookEngine.Activities.Tests;

public sealed class BuiltInActivitiesTests
{
    private static IActivityCatalog Catalog()
    {
        var services = new ServiceCollection();
        services.AddRunbookEngine().AddBuiltInActivities();
        return services.BuildServiceProvider().GetRequiredService<IActivityCatalog>();
    }

    [Fact]
    public void Registers_the_activities_the_samples_use()
    {
        Catalog().All.Select(a => a.Name).ShouldBeSubsetOf(Catalog().All.Select(a => a.Name));
        Catalog().All.Select(a => a.Name).ShouldBeUnique();
        new[] { "exec", "flow.approve", "flow.assert", "flow.fail", "flow.log", "fs.backup", "fs.stat", "net.assert-port-closed", "net.wait-port" }
            .ShouldBeSubsetOf(Catalog().All.Select(a => a.Name));
    }

    [Fact]
    public void Names_follow_the_family_dot_verb_convention()
    {
        foreach (var activity in Catalog().All)
        {
            Regex.IsMatch(activity.Name, "^[a-z]+(\\.[a-z]+(-[a-z]+)*)?$").ShouldBeTrue(activity.Name);
        }
    }

    [Fact]
    public void Every_input_and_output_is_described_because_the_schema_and_show_print_it()
    {
        foreach (var activity in Catalog().All)
        {
            activity.Description.ShouldNotBeNullOrWhiteSpace();
            foreach (var field in activity.Inputs.Concat(activity.Outputs))
            {
                field.Description.ShouldNotBeNullOrWhiteSpace($"{activity.Name}.{field.Name}");
            }
        }
    }

    [Fact]
    public void Exec_takes_an_argument_vector_never_a_command_string()
    {
        var exec = Catalog().Find("exec")!;
        var command = exec.Inputs.Single(i => i.Name == "command");

        command.Required.ShouldBeTrue();
        command.Shape.ShouldBeOfType<ListShape>().Items.ShouldBeOfType<ScalarShape>().Kind.ShouldBe(ScalarKind.String);
        exec.Inputs.Single(i => i.Name == "environment").Shape.ShouldBeOfType<MapShape>();
        exec.Inputs.Single(i => i.Name == "timeout").Shape.ShouldBeOfType<ScalarShape>().Pattern.ShouldBe(Durations.Pattern);
        exec.Outputs.Select(o => o.Name).ShouldBe(["exitCode", "stdout", "stderr"]);
    }

    [Fact]
    public void Traits_mark_probes_read_only_and_the_rest_not()
    {
        var catalog = Catalog();

        catalog.Find("net.assert-port-closed")!.Traits.ShouldBe(ActivityTraits.ReadOnly | ActivityTraits.Idempotent);
        catalog.Find("fs.stat")!.Traits.HasFlag(ActivityTraits.ReadOnly).ShouldBeTrue();
        catalog.Find("exec")!.Traits.ShouldBe(ActivityTraits.None);
        catalog.Find("fs.backup")!.Traits.HasFlag(ActivityTraits.ReadOnly).ShouldBeFalse();
    }

    [Fact]
    public void Enum_inputs_list_their_values_in_camel_case()
    {
        var level = Catalog().Find("flow.log")!.Inputs.Single(i => i.Name == "level");

        level.Required.ShouldBeFalse();
        level.Shape.ShouldBeOfType<ScalarShape>().Values.ShouldBe(["info", "warning"]);
    }

    [Fact]
    public void Registering_two_activities_with_one_name_is_refused()
    {
        var services = new ServiceCollection();
        services.AddRunbookEngine().AddBuiltInActivities().AddActivity<RunbookEngine.Activities.Flow.FlowLog>();

        var error = Should.Throw<InvalidOperationException>(() => services.BuildServiceProvider().GetRequiredService<IActivityCatalog>());
        error.Message.ShouldContain("flow.log");
    }
}
