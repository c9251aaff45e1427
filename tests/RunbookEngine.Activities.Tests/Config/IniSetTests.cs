using RunbookEngine.Activities.Config;
using RunbookEngine.Activities.Tests.Support;

namespace RunbookEngine.Activities.Tests.Config;

public sealed class IniSetTests : IDisposable
{
    /// <summary>The [meta_server] part of Pegasus' onebox config.ini, shape as in src/server/config.ini.</summary>
    private const string ConfigIni =
        "; Pegasus meta server\n" +
        "[apps.meta]\n" +
        "  type = meta\n" +
        "\n" +
        "[meta_server]\n" +
        "  server_list = 127.0.0.1:34601\n" +
        "  cluster_root = /pegasus/onebox/127.0.0.1\n" +
        "  distributed_lock_service_parameters = /pegasus/onebox/127.0.0.1\n" +
        "  ; set true only while recovering meta data\n" +
        "  recover_from_replica_server = false\n" +
        "\n" +
        "; zookeeper settings\n" +
        "[zookeeper]\n" +
        "  hosts_list = 127.0.0.1:22181\n";

    private readonly TempTree _dir = new();

    public IniSetTests() => _dir.Write("config.ini", ConfigIni);

    public void Dispose() => _dir.Dispose();

    private string Text => File.ReadAllText(_dir.Combine("config.ini"));

    private Task<IReadOnlyDictionary<string, object?>> Set(string section, string key, string? value, bool remove = false) =>
        new IniSet().Execute(new TestContext(_dir.Path).Context, ("path", "config.ini"), ("section", section), ("key", key), ("value", value), ("remove", remove));

    [Fact]
    public async Task Setting_a_key_changes_its_value_and_nothing_else()
    {
        var outputs = await Set("meta_server", "recover_from_replica_server", "true");

        Text.ShouldBe(ConfigIni.Replace("recover_from_replica_server = false", "recover_from_replica_server = true", StringComparison.Ordinal));
        outputs["changed"].ShouldBe(true);
        outputs["previous"].ShouldBe("false");
    }

    [Fact]
    public async Task The_pegasus_recovery_edits_are_the_three_lines_of_the_procedure()
    {
        await Set("meta_server", "cluster_root", "/pegasus/onebox_recovery/127.0.0.1");
        await Set("meta_server", "distributed_lock_service_parameters", "/pegasus/onebox_recovery/127.0.0.1");
        await Set("meta_server", "recover_from_replica_server", "true");

        Text.ShouldBe(ConfigIni.Replace("/pegasus/onebox/", "/pegasus/onebox_recovery/", StringComparison.Ordinal)
            .Replace("recover_from_replica_server = false", "recover_from_replica_server = true", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_missing_key_goes_after_the_section_s_last_key_with_its_indentation()
    {
        await Set("meta_server", "max_replicas_in_group", "3");

        Text.ShouldBe(ConfigIni.Replace("recover_from_replica_server = false\n", "recover_from_replica_server = false\n  max_replicas_in_group = 3\n", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_missing_section_goes_at_the_end_after_a_blank_line()
    {
        await Set("replication", "mutation_2pc_min_replica_count", "1");

        Text.ShouldBe(ConfigIni + "\n[replication]\nmutation_2pc_min_replica_count = 1\n");
    }

    [Fact]
    public async Task Remove_deletes_the_line_and_is_a_no_op_when_it_is_gone()
    {
        (await Set("zookeeper", "hosts_list", null, remove: true))["previous"].ShouldBe("127.0.0.1:22181");
        Text.ShouldBe(ConfigIni.Replace("  hosts_list = 127.0.0.1:22181\n", string.Empty, StringComparison.Ordinal));

        var before = _dir.Fingerprint();
        (await Set("zookeeper", "hosts_list", null, remove: true))["changed"].ShouldBe(false);
        _dir.Fingerprint().ShouldBe(before);
    }

    [Fact]
    public async Task A_rerun_does_not_touch_the_file()
    {
        await Set("meta_server", "recover_from_replica_server", "true");
        var before = _dir.Fingerprint();

        (await Set("meta_server", "recover_from_replica_server", "true"))["changed"].ShouldBe(false);

        _dir.Fingerprint().ShouldBe(before);
    }

    [Fact]
    public async Task Every_copy_of_a_repeated_key_is_set_and_the_same_key_elsewhere_is_not()
    {
        _dir.Write("config.ini", "[a]\nk=1\n[b]\nk = 1\n[a]\nk =1\n");

        (await Set("a", "k", "2"))["previous"].ShouldBe("1");

        Text.ShouldBe("[a]\nk=2\n[b]\nk = 1\n[a]\nk =2\n");
    }

    [Fact]
    public async Task Line_endings_byte_order_mark_and_a_missing_final_newline_are_kept()
    {
        _dir.Write("config.ini", [0xEF, 0xBB, 0xBF, .. "[s]\r\nk = 1\r\n[t]\r\nx = y"u8.ToArray()]);

        await Set("s", "k", "2");
        await Set("t", "z", "3");

        File.ReadAllBytes(_dir.Combine("config.ini")).ShouldBe([0xEF, 0xBB, 0xBF, .. "[s]\r\nk = 2\r\n[t]\r\nx = y\r\nz = 3"u8.ToArray()]);
    }

    [Fact]
    public async Task Keys_before_the_first_section_use_the_empty_section_name()
    {
        _dir.Write("config.ini", "top = 1\n[s]\ntop = 9\n");

        await Set(string.Empty, "top", "2");
        await Set(string.Empty, "other", "3");

        Text.ShouldBe("top = 2\nother = 3\n[s]\ntop = 9\n");
    }

    [Fact]
    public async Task The_plan_shows_the_line_before_and_after_and_changes_nothing()
    {
        var before = _dir.Fingerprint();

        var plan = await new IniSet().Plan(new TestContext(_dir.Path).Context, ("path", "config.ini"), ("section", "meta_server"), ("key", "recover_from_replica_server"), ("value", "true"));

        plan.Summary.ShouldBe($"set [meta_server] recover_from_replica_server = true in {_dir.Combine("config.ini")}");
        plan.Effects.ShouldHaveSingleItem().Detail.ShouldBe("line 10:   recover_from_replica_server = false →   recover_from_replica_server = true");
        _dir.Fingerprint().ShouldBe(before);
    }

    [Theory]
    [InlineData("meta_server", "k", "two\nlines", "value")]
    [InlineData("meta_server", "k", null, "value")]
    [InlineData("meta]", "k", "v", "section")]
    [InlineData("meta_server", "a=b", "v", "key")]
    [InlineData("meta_server", " k", "v", "key")]
    public async Task Inputs_that_cannot_be_a_line_are_refused(string section, string key, string? value, string input)
    {
        (await Should.ThrowAsync<ActivityInputException>(() => Set(section, key, value))).Input.ShouldBe(input);
    }

    [Fact]
    public async Task A_missing_file_is_config_not_found()
    {
        var failure = await Should.ThrowAsync<ActivityFailure>(() => new IniSet().Execute(
            new TestContext(_dir.Path).Context, ("path", "none.ini"), ("section", "s"), ("key", "k"), ("value", "v")));

        failure.ErrorType.ShouldBe(ConfigProblem.NotFound);
        failure.Retryable.ShouldBeFalse();
    }
}
