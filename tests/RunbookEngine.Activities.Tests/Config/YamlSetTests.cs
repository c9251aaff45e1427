using RunbookEngine.Activities.Config;
using RunbookEngine.Activities.Planning;
using RunbookEngine.Activities.Tests.Support;
using static RunbookEngine.Activities.Tests.Support.Inputs;

namespace RunbookEngine.Activities.Tests.Config;

public sealed class YamlSetTests : IDisposable
{
    private const string Cluster = "# cowsql target cluster\n- Address: 127.0.0.1:9001 # node 1\n  ID: 1\n  Role: 0\n\n- Address: 127.0.0.1:9002\n  ID: 2\n  Role: 1\n";

    private readonly TempTree _dir = new();

    public YamlSetTests() => _dir.Write("cluster.yaml", Cluster);

    public void Dispose() => _dir.Dispose();

    private Task<IReadOnlyDictionary<string, object?>> Set(params (string Key, object? Value)[] values) =>
        new YamlSet().Execute(new TestContext(_dir.Path).Context, ("path", "cluster.yaml"), ("set", Of(values)));

    [Fact]
    public async Task Sets_values_and_keeps_comments_blank_lines_and_the_rest()
    {
        var outputs = await Set(("[1].Role", 0L), ("[0].Address", "10.0.0.1:9001"), ("[1].Voter", true));

        File.ReadAllText(_dir.Combine("cluster.yaml")).ShouldBe(
            "# cowsql target cluster\n- Address: 10.0.0.1:9001 # node 1\n  ID: 1\n  Role: 0\n\n- Address: 127.0.0.1:9002\n  ID: 2\n  Role: 0\n  Voter: true\n");
        outputs["changed"].ShouldBe(true);
        outputs["previous"].ShouldBe(Of(("[1].Role", 1L), ("[0].Address", "127.0.0.1:9001"), ("[1].Voter", null)));
    }

    [Fact]
    public async Task Values_already_set_are_left_as_written_and_the_file_untouched()
    {
        _dir.Write("cluster.yaml", "port: 0x50\nname: \"onebox\"\n");
        var before = _dir.Fingerprint();

        var outputs = await Set(("port", 80L), ("name", "onebox"));

        outputs["changed"].ShouldBe(false);
        _dir.Fingerprint().ShouldBe(before);
    }

    [Fact]
    public async Task The_plan_shows_each_change_and_the_diff_and_changes_nothing()
    {
        var before = _dir.Fingerprint();

        var plan = await new YamlSet().Plan(new TestContext(_dir.Path).Context, ("path", "cluster.yaml"), ("set", Of(("[1].Role", 0L))));

        plan.Summary.ShouldBe($"set 1 value(s) in {_dir.Combine("cluster.yaml")}");
        plan.Effects.ShouldHaveSingleItem().Detail.ShouldBe("\n[1].Role: 1 → 0\n@@ -5,4 +5,4 @@\n \n - Address: 127.0.0.1:9002\n   ID: 2\n-  Role: 1\n+  Role: 0");
        _dir.Fingerprint().ShouldBe(before);
    }

    [Fact]
    public async Task An_edit_that_would_change_other_values_is_refused_before_writing()
    {
        // Keep-chomping keeps the literal's trailing blank line; a key inserted after it would take that line away.
        _dir.Write("cluster.yaml", "a:\n  b: |+\n    x\n\nc: 1\n");
        var before = _dir.Fingerprint();

        var failure = await Should.ThrowAsync<ActivityFailure>(() => Set(("a.d", 1L)));

        failure.ErrorType.ShouldBe(ConfigProblem.Unsupported);
        failure.Message.ShouldContain("use yaml.write");
        _dir.Fingerprint().ShouldBe(before);
    }

    [Fact]
    public async Task Problems_have_stable_error_types_and_plans_say_the_step_will_fail()
    {
        (await Should.ThrowAsync<ActivityFailure>(() => new YamlSet().Execute(new TestContext(_dir.Path).Context, ("path", "none.yaml"), ("set", Of(("a", 1L))))))
            .ErrorType.ShouldBe(ConfigProblem.NotFound);
        (await Should.ThrowAsync<ActivityFailure>(() => Set(("[5].Role", 0L)))).ErrorType.ShouldBe(ConfigProblem.PathNotFound);
        (await Should.ThrowAsync<ActivityFailure>(() => Set(("Role", 0L)))).ErrorType.ShouldBe(ConfigProblem.PathConflict);
        (await Should.ThrowAsync<ActivityInputException>(() => Set(("a..b", 0L)))).Input.ShouldBe("set");
        (await Should.ThrowAsync<ActivityInputException>(() => Set())).Input.ShouldBe("set");

        _dir.Write("bad.yaml", "a: [1\n");
        (await Should.ThrowAsync<ActivityFailure>(() => new YamlSet().Execute(new TestContext(_dir.Path).Context, ("path", "bad.yaml"), ("set", Of(("a", 1L))))))
            .ErrorType.ShouldBe(ConfigProblem.InvalidYaml);
        var plan = await new YamlSet().Plan(new TestContext(_dir.Path).Context, ("path", "bad.yaml"), ("set", Of(("a", 1L))));
        plan.Risks.ShouldHaveSingleItem().Severity.ShouldBe(RiskSeverity.High);
    }
}
