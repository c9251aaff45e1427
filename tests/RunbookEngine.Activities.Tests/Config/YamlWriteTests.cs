using RunbookEngine.Activities.Config;
using RunbookEngine.Activities.Planning;
using RunbookEngine.Activities.Tests.Support;
using RunbookEngine.Expressions;
using static RunbookEngine.Activities.Tests.Support.Inputs;

namespace RunbookEngine.Activities.Tests.Config;

public sealed class YamlWriteTests : IDisposable
{
    /// <summary>cowsql's cluster.yaml as the seed shows it (A.1), with the usual two-space item indentation.</summary>
    private const string ClusterYaml = "- Address: 127.0.0.1:9001\n  ID: 1\n  Role: 0\n- Address: 127.0.0.1:9002\n  ID: 2\n  Role: 1\n- Address: 127.0.0.1:9003\n  ID: 3\n  Role: 0\n";

    private readonly TempTree _dir = new();

    public void Dispose() => _dir.Dispose();

    private static List<object?> Cluster() =>
    [
        Of(("Address", "127.0.0.1:9001"), ("ID", 1L), ("Role", 0L)),
        Of(("Address", "127.0.0.1:9002"), ("ID", 2L), ("Role", 1L)),
        Of(("Address", "127.0.0.1:9003"), ("ID", 3L), ("Role", 0L)),
    ];

    private Task<IReadOnlyDictionary<string, object?>> Write(string path, object value, TestContext? test = null) =>
        new YamlWrite().Execute((test ?? new TestContext(_dir.Path)).Context, ("path", path), ("value", value));

    [Fact]
    public async Task Writes_a_cowsql_cluster_yaml_from_a_node_list()
    {
        var outputs = await Write("cluster.yaml", Cluster());

        File.ReadAllText(_dir.Combine("cluster.yaml")).ShouldBe(ClusterYaml);
        outputs["changed"].ShouldBe(true);
        outputs["bytes"].ShouldBe((long)ClusterYaml.Length);
    }

    [Fact]
    public async Task Keys_keep_the_order_given_and_values_keep_their_types()
    {
        await Write("info.yaml", Of(("Role", 0L), ("ID", 1L), ("Address", "127.0.0.1:9001"), ("Ratio", 1.0), ("On", true), ("Text", "true"), ("Nothing", null), ("Empty", List())));

        File.ReadAllText(_dir.Combine("info.yaml")).ShouldBe(
            "Role: 0\nID: 1\nAddress: 127.0.0.1:9001\nRatio: 1.0\n\"On\": true\nText: \"true\"\nNothing: null\nEmpty: []\n");
    }

    [Fact]
    public async Task Nested_values_are_written_in_block_style()
    {
        await Write("n.yaml", Of(("nodes", List(Of(("id", 1L), ("tags", List("a", "b"))), List(1L, 2L))), ("meta", Of(("x", Of(("y", "z")))))));

        File.ReadAllText(_dir.Combine("n.yaml")).ShouldBe("nodes:\n  - id: 1\n    tags:\n      - a\n      - b\n  - - 1\n    - 2\nmeta:\n  x:\n    \"y\": z\n");
    }

    [Fact]
    public async Task A_rerun_with_the_same_value_does_not_touch_the_file()
    {
        await Write("cluster.yaml", Cluster());
        var before = _dir.Fingerprint();

        var outputs = await Write("cluster.yaml", Cluster());

        outputs["changed"].ShouldBe(false);
        _dir.Fingerprint().ShouldBe(before);
    }

    [Fact]
    public async Task Replacing_keeps_the_file_s_permissions_and_leaves_no_temporary_file()
    {
        var file = _dir.Write("cluster.yaml", "old: 1\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        await Write("cluster.yaml", Cluster());

        File.ReadAllText(file).ShouldBe(ClusterYaml);
        Directory.EnumerateFileSystemEntries(_dir.Path).Select(Path.GetFileName).ShouldBe(["cluster.yaml"]);
        if (!OperatingSystem.IsWindows())
        {
            File.GetUnixFileMode(file).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    [Fact]
    public async Task A_symbolic_link_is_followed_and_stays_a_link()
    {
        var target = _dir.Write("real/cluster.yaml", "old: 1\n");
        File.CreateSymbolicLink(_dir.Combine("cluster.yaml"), target);

        await Write("cluster.yaml", Cluster());

        new FileInfo(_dir.Combine("cluster.yaml")).LinkTarget.ShouldBe(target);
        File.ReadAllText(target).ShouldBe(ClusterYaml);
    }

    [Fact]
    public async Task The_plan_shows_the_resulting_text_as_a_diff_and_changes_nothing()
    {
        _dir.Write("info.yaml", "Address: 127.0.0.1:9001\nID: 1\nRole: 1\n");
        var before = _dir.Fingerprint();

        var plan = await new YamlWrite().Plan(new TestContext(_dir.Path).Context, ("path", "info.yaml"), ("value", Of(("Address", "127.0.0.1:9001"), ("ID", 1L), ("Role", 0L))));

        plan.Summary.ShouldBe($"replace {_dir.Combine("info.yaml")} (3 lines of YAML)");
        var effect = plan.Effects.ShouldHaveSingleItem();
        effect.Kind.ShouldBe(EffectKind.Write);
        effect.Detail.ShouldBe("\n@@ -1,3 +1,3 @@\n Address: 127.0.0.1:9001\n ID: 1\n-Role: 1\n+Role: 0");
        _dir.Fingerprint().ShouldBe(before);

        var created = await new YamlWrite().Plan(new TestContext(_dir.Path).Context, ("path", "new.yaml"), ("value", Of(("a", 1L))));
        created.Summary.ShouldStartWith("create ");
        created.Effects[0].Detail.ShouldBe("\n@@ -0,0 +1,1 @@\n+a: 1");
    }

    [Fact]
    public async Task A_secret_goes_into_the_file_but_not_into_the_plan()
    {
        var test = new TestContext(_dir.Path, ["hunter2"]);
        var value = Of(("user", "admin"), ("password", new SecretValue("hunter2")));

        var plan = await new YamlWrite().Plan(test.Context, ("path", "auth.yaml"), ("value", value));
        await Write("auth.yaml", value, test);

        plan.Effects[0].Detail.ShouldNotBeNull().ShouldContain("password: ***");
        File.ReadAllText(_dir.Combine("auth.yaml")).ShouldBe("user: admin\npassword: hunter2\n");
    }

    [Fact]
    public async Task A_scalar_document_and_a_missing_folder_are_refused()
    {
        (await Should.ThrowAsync<ActivityInputException>(() => Write("x.yaml", "just text"))).Input.ShouldBe("value");

        var failure = await Should.ThrowAsync<ActivityFailure>(() => Write("missing/x.yaml", Cluster()));
        failure.ErrorType.ShouldBe(ConfigProblem.NotFound);
        var plan = await new YamlWrite().Plan(new TestContext(_dir.Path).Context, ("path", "missing/x.yaml"), ("value", Cluster()));
        plan.Risks.ShouldHaveSingleItem().Severity.ShouldBe(RiskSeverity.High);
    }
}
