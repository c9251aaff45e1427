using RunbookEngine.Activities.Config;
using static RunbookEngine.Activities.Tests.Support.Inputs;

namespace RunbookEngine.Activities.Tests.Config;

/// <summary>The in-place YAML edits, text in, text out: only the changed value's characters move.</summary>
public sealed class YamlEditorTests
{
    private static string Set(string text, string path, object? value) =>
        YamlEditor.Set(YamlTree.Parse(text, "test.yaml"), YamlPath.Parse(path), value);

    [Fact]
    public void A_scalar_is_replaced_and_comments_blank_lines_and_quoting_elsewhere_stay()
    {
        const string text = "# cluster settings\nmeta:\n  port: 34601   # rpc port\n\n  name: \"onebox\"\nother: 'x' # keep\n";

        Set(text, "meta.port", 34602L).ShouldBe("# cluster settings\nmeta:\n  port: 34602   # rpc port\n\n  name: \"onebox\"\nother: 'x' # keep\n");
    }

    [Fact]
    public void A_list_item_field_is_addressed_by_index()
    {
        const string text = "- Address: 127.0.0.1:9001\n  ID: 1\n  Role: 0\n- Address: 127.0.0.1:9002\n  ID: 2\n  Role: 1\n";

        Set(text, "[1].Role", 0L).ShouldBe("- Address: 127.0.0.1:9001\n  ID: 1\n  Role: 0\n- Address: 127.0.0.1:9002\n  ID: 2\n  Role: 0\n");
        Set(text, "[0].Address", "10.0.0.1:9001").ShouldBe(text.Replace("127.0.0.1:9001", "10.0.0.1:9001"));
    }

    [Fact]
    public void A_missing_key_is_added_at_the_end_of_its_mapping_at_the_mapping_s_indentation()
    {
        const string text = "meta:\n  port: 1\n  nested:\n    a: 1\n  # about b\n  b: |\n    lit\n\nlast: 2\n";

        Set(text, "meta.added", "v").ShouldBe("meta:\n  port: 1\n  nested:\n    a: 1\n  # about b\n  b: |\n    lit\n  added: v\n\nlast: 2\n");
        Set(text, "meta.nested.c", true).ShouldBe("meta:\n  port: 1\n  nested:\n    a: 1\n    c: true\n  # about b\n  b: |\n    lit\n\nlast: 2\n");
        Set(text, "new", 1L).ShouldBe(text + "new: 1\n");
    }

    [Fact]
    public void Missing_intermediate_keys_become_nested_mappings()
    {
        Set("a: 1\n", "b.c.d", "x").ShouldBe("a: 1\nb:\n  c:\n    d: x\n");
        Set("a:\nz: 1\n", "a.b", 2L).ShouldBe("a:\n  b: 2\nz: 1\n");
    }

    [Fact]
    public void Collections_replace_scalars_and_blocks_in_block_style()
    {
        Set("a: 1\nb: 2\n", "a", Of(("x", 1L), ("list", List("p", "q")))).ShouldBe("a:\n  x: 1\n  list:\n    - p\n    - q\nb: 2\n");
        Set("a:\n  old: 1\n  older: 2\nb: 2\n", "a", List(1L, 2L)).ShouldBe("a:\n  - 1\n  - 2\nb: 2\n");
        Set("a:\n  old: 1\nb: 2\n", "a", "flat").ShouldBe("a: flat\nb: 2\n");
        Set("a:\n- 1\n- 2\nb: 2\n", "a", Of(("k", "v"))).ShouldBe("a:\n  k: v\nb: 2\n");
        Set("- 1\n- 2\n", "[1]", Of(("k", "v"), ("l", "w"))).ShouldBe("- 1\n- k: v\n  l: w\n");
    }

    [Fact]
    public void A_list_item_is_replaced_by_a_mapping_in_place()
    {
        const string text = "# nodes\n- Address: a:1\n  ID: 1\n- Address: b:2 # old\n  ID: 2\n# end\n";

        Set(text, "[1]", Of(("Address", "c:3"), ("ID", 3L))).ShouldBe("# nodes\n- Address: a:1\n  ID: 1\n- Address: c:3\n  ID: 3\n# end\n");
    }

    [Fact]
    public void Flow_collections_are_edited_in_flow_style()
    {
        Set("a: {x: 1, y: [1, 2]}\n", "a.y[1]", 3L).ShouldBe("a: {x: 1, y: [1, 3]}\n");
        Set("a: {x: 1}\n", "a.z", Of(("k", "v, w"))).ShouldBe("a: {x: 1, z: {k: \"v, w\"}}\n");
        Set("a: {}\n", "a.z", 1L).ShouldBe("a: {z: 1}\n");
    }

    [Fact]
    public void Strings_that_would_read_as_other_types_are_quoted()
    {
        Set("a: x\n", "a", "yes").ShouldBe("a: \"yes\"\n");
        Set("a: x\n", "a", "0777").ShouldBe("a: \"0777\"\n");
        Set("a: x\n", "a", "").ShouldBe("a: \"\"\n");
        Set("a: x\n", "a", "two\nlines").ShouldBe("a: \"two\\nlines\"\n");
        Set("a: x\n", "a", Of(("y", 1L))).ShouldBe("a:\n  \"y\": 1\n");
        Set("a: x\n", "a", "/pegasus/onebox_recovery").ShouldBe("a: /pegasus/onebox_recovery\n");
    }

    [Fact]
    public void Crlf_files_stay_crlf()
    {
        Set("a: 1\r\nb:\r\n  c: 2\r\n", "b.d", List("x")).ShouldBe("a: 1\r\nb:\r\n  c: 2\r\n  d:\r\n    - x\r\n");
    }

    [Fact]
    public void An_empty_file_gets_a_document()
    {
        Set(string.Empty, "a.b", 1L).ShouldBe("a:\n  b: 1\n");
        Set("# just a comment", "a", 1L).ShouldBe("# just a comment\na: 1\n");
    }

    [Fact]
    public void Paths_that_do_not_fit_are_refused_with_their_error_type()
    {
        Should.Throw<ConfigProblem>(() => Set("- a\n", "[3]", 1L)).ErrorType.ShouldBe(ConfigProblem.PathNotFound);
        Should.Throw<ConfigProblem>(() => Set("a: [1]\n", "a[2].b", 1L)).ErrorType.ShouldBe(ConfigProblem.PathNotFound);
        Should.Throw<ConfigProblem>(() => Set("a: 1\n", "a.b", 1L)).ErrorType.ShouldBe(ConfigProblem.PathConflict);
        Should.Throw<ConfigProblem>(() => Set("a: {b: 1}\n", "a[0]", 1L)).ErrorType.ShouldBe(ConfigProblem.PathConflict);
        Should.Throw<ConfigProblem>(() => Set("a: &x {b: 1}\nc: *x\n", "c.b", 2L)).ErrorType.ShouldBe(ConfigProblem.Unsupported);
        Should.Throw<ConfigProblem>(() => Set("a: &x {b: 1}\nc: *x\n", "a", 2L)).ErrorType.ShouldBe(ConfigProblem.Unsupported);
        Should.Throw<ConfigProblem>(() => Set("a: 1\n---\nb: 2\n", "a", 2L)).ErrorType.ShouldBe(ConfigProblem.Unsupported);
        Should.Throw<ConfigProblem>(() => Set("a: [1\n", "a", 2L)).ErrorType.ShouldBe(ConfigProblem.InvalidYaml);
        Should.Throw<ConfigProblem>(() => Set("a: !!b]inary 1\n", "a", 2L)).ErrorType.ShouldBe(ConfigProblem.InvalidYaml); // ArgumentException inside YamlDotNet
        Should.Throw<ConfigProblem>(() => Set("a: [1\nb: 2\n", "a", 2L)).ErrorType.ShouldBe(ConfigProblem.InvalidYaml);
    }

    [Fact]
    public void An_alias_itself_can_be_replaced()
    {
        Set("a: &x 1\nc: *x\n", "c", 2L).ShouldBe("a: &x 1\nc: 2\n");
    }

    [Theory]
    [InlineData("1", 1L)]
    [InlineData("-12", -12L)]
    [InlineData("0x1F", 31L)]
    [InlineData("0o17", 15L)]
    [InlineData("1.5", 1.5)]
    [InlineData("1e3", 1000.0)]
    [InlineData("true", true)]
    [InlineData("~", null)]
    [InlineData("yes", "yes")]
    [InlineData("127.0.0.1:9001", "127.0.0.1:9001")]
    public void Plain_scalars_resolve_by_the_yaml_1_2_core_schema(string plain, object? expected)
    {
        YamlScalars.Resolve(plain).ShouldBe(expected);
    }

    [Theory]
    [InlineData("a.b[0].c", "a|b|[0]|c")]
    [InlineData("[1].Address", "[1]|Address")]
    [InlineData("labels[\"app.kubernetes.io/name\"].x", "labels|app.kubernetes.io/name|x")]
    public void Paths_parse(string text, string expected)
    {
        string.Join("|", YamlPath.Parse(text).Segments.Select(s => s is YamlPath.Index i ? $"[{i.Position}]" : ((YamlPath.Key)s).Name)).ShouldBe(expected);
    }

    [Theory]
    [InlineData("")]
    [InlineData("a..b")]
    [InlineData("a.")]
    [InlineData("a[x]")]
    [InlineData("a[\"b]")]
    [InlineData("a]b")]
    public void Bad_paths_are_refused(string text)
    {
        Should.Throw<FormatException>(() => YamlPath.Parse(text));
    }
}
