using RunbookEngine.Core.Tests.Support;
using RunbookEngine.Hosting;

namespace RunbookEngine.Core.Tests.Hosting;

public sealed class PluginLoaderTests : IDisposable
{
    private readonly string _plugins = Directory.CreateTempSubdirectory("runbook-plugins-").FullName;

    public void Dispose() => Directory.Delete(_plugins, recursive: true);

    private static string SamplePluginDll()
    {
        var configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;
        return Path.Combine(RepositoryRoot.Path, "tests", "RunbookEngine.SamplePlugin", "bin", configuration, "net10.0", "RunbookEngine.SamplePlugin.dll");
    }

    [Fact]
    public async Task Activities_of_a_dll_in_the_plugins_folder_are_found_and_run()
    {
        File.Copy(SamplePluginDll(), Path.Combine(_plugins, "RunbookEngine.SamplePlugin.dll"));
        var problems = new List<string>();

        var activities = PluginLoader.Load(_plugins, problems);

        problems.ShouldBeEmpty();
        var echo = activities.ShouldHaveSingleItem();
        echo.Name.ShouldBe("sample.echo");
        echo.Descriptor.Inputs.Single().Name.ShouldBe("text");
        var outputs = await echo.ExecuteAsync(new Dictionary<string, object?> { ["text"] = "hi" },
            new RunbookEngine.Activities.Context.ActivityContext { RunId = "r", StepPath = "s", WorkingDirectory = _plugins }, CancellationToken.None);
        outputs["text"].ShouldBe("hi");
    }

    [Fact]
    public void A_file_that_is_not_an_assembly_is_reported_and_skipped()
    {
        File.WriteAllText(Path.Combine(_plugins, "broken.dll"), "not a PE file");

        var problems = new List<string>();
        var activities = PluginLoader.Load(_plugins, problems);

        activities.ShouldBeEmpty();
        problems.ShouldHaveSingleItem().ShouldContain("broken.dll");
    }

    [Fact]
    public void A_missing_folder_means_no_plugins()
    {
        var problems = new List<string>();

        PluginLoader.Load(Path.Combine(_plugins, "absent"), problems).ShouldBeEmpty();
        problems.ShouldBeEmpty();
    }
}
