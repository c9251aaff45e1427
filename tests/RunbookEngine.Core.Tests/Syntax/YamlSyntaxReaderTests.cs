using RunbookEngine.Core.Tests.Support;
using RunbookEngine.Diagnostics;
using RunbookEngine.Loading;
using RunbookEngine.Syntax;

namespace RunbookEngine.Core.Tests.Syntax;

public sealed class YamlSyntaxReaderTests
{
    [Fact]
    public void Keys_and_scalars_have_one_based_positions_with_exclusive_ends()
    {
        var root = Runbooks.Mapping("""
            name: demo
            nested:
              port: 9001
            """);

        var name = root.Entries[0];
        name.Key.Span.ShouldBe(new SourceSpan("t.yaml", 1, 1, 1, 5));
        name.Value.Span.ShouldBe(new SourceSpan("t.yaml", 1, 7, 1, 11));

        var nested = root.Mapping("nested").ShouldNotBeNull();
        var port = nested.Entries.ShouldHaveSingleItem();
        port.Key.Span.ShouldBe(new SourceSpan("t.yaml", 3, 3, 3, 7));
        port.Value.Span.ShouldBe(new SourceSpan("t.yaml", 3, 9, 3, 13));
    }

    [Fact]
    public void Paths_name_keys_and_list_indexes()
    {
        var root = Runbooks.Mapping("""
            steps:
              - id: a
                with:
                  port: 1
              - id: b
            """);

        var steps = root.Sequence("steps").ShouldNotBeNull();
        steps.Path.ShouldBe("steps");
        var second = steps.Items[1].ShouldBeOfType<YamlMapping>();
        second.Path.ShouldBe("steps[1]");
        second["id"].ShouldNotBeNull().Path.ShouldBe("steps[1].id");
        var port = ((YamlMapping)steps.Items[0]).Mapping("with")!["port"].ShouldNotBeNull();
        port.Path.ShouldBe("steps[0].with.port");
    }

    [Fact]
    public void Plain_scalar_offsets_map_onto_columns()
    {
        var value = Runbooks.Mapping("key: hello world").Scalar("key").ShouldNotBeNull();

        value.ContentColumnOffset.ShouldBe(0);
        value.SpanOf(6, 5).ShouldBe(new SourceSpan("t.yaml", 1, 12, 1, 17));
    }

    [Theory]
    [InlineData("key: \"hello world\"", ScalarStyle.DoubleQuoted)]
    [InlineData("key: 'hello world'", ScalarStyle.SingleQuoted)]
    public void Quoted_scalar_offsets_skip_the_opening_quote(string yaml, ScalarStyle style)
    {
        var value = Runbooks.Mapping(yaml).Scalar("key").ShouldNotBeNull();

        value.Style.ShouldBe(style);
        value.Value.ShouldBe("hello world");
        value.Span.Column.ShouldBe(6);
        value.ContentColumnOffset.ShouldBe(1);
        // "world" starts at value offset 6: column 6 (quote) + 1 + 6.
        value.SpanOf(6, 5).ShouldBe(new SourceSpan("t.yaml", 1, 13, 1, 18));
    }

    [Theory]
    [InlineData("key: \"a\\tb ${{ x }}\"")]
    [InlineData("key: 'it''s ${{ x }}'")]
    public void Escapes_make_offsets_imprecise_so_the_whole_scalar_is_used(string yaml)
    {
        var value = Runbooks.Mapping(yaml).Scalar("key").ShouldNotBeNull();

        value.ContentColumnOffset.ShouldBeNull();
        value.SpanOf(5, 3).ShouldBe(value.Span);
    }

    [Fact]
    public void Multi_line_plain_scalar_is_folded_and_spans_its_lines()
    {
        var value = Runbooks.Mapping("""
            key: first
              second
            other: 1
            """).Scalar("key").ShouldNotBeNull();

        value.Value.ShouldBe("first second");
        value.Span.Line.ShouldBe(1);
        value.Span.Column.ShouldBe(6);
        value.Span.EndLine.ShouldBe(2);
        value.ContentColumnOffset.ShouldBeNull();
        value.SpanOf(6, 6).ShouldBe(value.Span);
    }

    [Theory]
    [InlineData("|", ScalarStyle.Literal, "line one\nline two\n")]
    [InlineData(">", ScalarStyle.Folded, "line one line two\n")]
    public void Block_scalars_keep_their_style_and_have_no_column_offset(string indicator, ScalarStyle style, string expected)
    {
        var value = Runbooks.Mapping($"key: {indicator}\n  line one\n  line two\nnext: 1\n").Scalar("key").ShouldNotBeNull();

        value.Style.ShouldBe(style);
        value.Value.ShouldBe(expected);
        value.ContentColumnOffset.ShouldBeNull();
        value.Span.Line.ShouldBe(1);
    }

    [Fact]
    public void Duplicate_key_is_reported_at_the_second_key_and_the_first_value_is_kept()
    {
        var (root, diagnostics) = Runbooks.Read("""
            a: 1
            b: 2
            a: 3
            """);

        var mapping = root.ShouldBeOfType<YamlMapping>();
        mapping.Entries.Select(e => e.Key.Value).ShouldBe(["a", "b"]);
        mapping.Scalar("a")!.Value.ShouldBe("1");
        var duplicate = diagnostics.ShouldHaveSingleItem();
        duplicate.Code.ShouldBe("RB0005");
        duplicate.Span.ShouldBe(new SourceSpan("t.yaml", 3, 1, 3, 2));
        duplicate.YamlPath.ShouldBe("a");
        duplicate.Message.ShouldContain("first at line 1");
    }

    [Fact]
    public void Duplicate_keys_in_nested_mappings_are_reported_with_their_path()
    {
        var (_, diagnostics) = Runbooks.Read("""
            outer:
              x: 1
              x: 2
            other:
              x: 3
            """);

        var duplicate = diagnostics.ShouldHaveSingleItem();
        duplicate.YamlPath.ShouldBe("outer.x");
        duplicate.Span.Line.ShouldBe(3);
    }

    [Fact]
    public void Alias_reuses_the_anchored_node()
    {
        var root = Runbooks.Mapping("""
            base: &defaults
              attempts: 3
            copy: *defaults
            scalar: &word hello
            again: *word
            """);

        root["copy"].ShouldBeSameAs(root["base"]);
        root.Scalar("again")!.Value.ShouldBe("hello");
    }

    [Fact]
    public void Nested_aliases_that_expand_beyond_the_limit_are_refused_quickly()
    {
        // Ten levels of ten aliases each: 10^10 nodes once expanded, from a few hundred bytes.
        var lines = new List<string> { "l0: &l0 [a, a, a, a, a, a, a, a, a, a]" };
        for (var i = 1; i <= 10; i++)
        {
            lines.Add($"l{i}: &l{i} [{string.Join(", ", Enumerable.Repeat($"*l{i - 1}", 10))}]");
        }

        var watch = System.Diagnostics.Stopwatch.StartNew();
        var (root, diagnostics) = Runbooks.Read(string.Join("\n", lines) + "\n");

        watch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(5));
        root.ShouldBeNull();
        var diagnostic = diagnostics.ShouldHaveSingleItem();
        diagnostic.Code.ShouldBe("RB0001");
        diagnostic.Message.ShouldBe($"aliases expand the document to more than {YamlSyntaxReader.MaxAliasNodes} nodes");
        // Lines 2-4 add 110 + 1110 + 11110 nodes; the 8th alias of line 5 (11111 nodes each) crosses 100000.
        diagnostic.Span.Line.ShouldBe(5);
    }

    [Theory]
    [InlineData(100_000)]
    [InlineData(YamlSyntaxReader.MaxDepth + 1)]
    public void Nesting_beyond_the_limit_is_a_syntax_error_not_a_stack_overflow(int depth)
    {
        var (root, diagnostics) = Runbooks.Read("a: " + new string('[', depth) + new string(']', depth) + "\n");

        root.ShouldBeNull();
        var diagnostic = diagnostics.ShouldHaveSingleItem();
        diagnostic.Code.ShouldBe("RB0001");
        diagnostic.Message.ShouldBe($"the document nests mappings and lists deeper than {YamlSyntaxReader.MaxDepth} levels");
        // The root mapping is level 1, so the list that crosses the limit opens at column 3 + (MaxDepth - 1).
        diagnostic.Span.Column.ShouldBe(3 + YamlSyntaxReader.MaxDepth);
    }

    [Fact]
    public void Nesting_up_to_the_limit_is_read()
    {
        var depth = YamlSyntaxReader.MaxDepth - 1;

        var root = Runbooks.Mapping("a: " + new string('[', depth) + "x" + new string(']', depth) + "\n");

        YamlNode node = root["a"]!;
        for (var i = 0; i < depth; i++)
        {
            node = node.ShouldBeOfType<YamlSequence>().Items.ShouldHaveSingleItem();
        }

        node.ShouldBeOfType<YamlScalar>().Value.ShouldBe("x");
    }

    [Fact]
    public void Aliases_within_the_limit_are_fine()
    {
        var lines = new List<string> { "l0: &l0 [a, a, a, a, a, a, a, a, a, a]" };
        for (var i = 1; i <= 3; i++)
        {
            lines.Add($"l{i}: &l{i} [{string.Join(", ", Enumerable.Repeat($"*l{i - 1}", 10))}]");
        }

        var root = Runbooks.Mapping(string.Join("\n", lines) + "\n");

        root.Sequence("l3")!.Items.ShouldAllBe(item => ReferenceEquals(item, root["l2"]));
    }

    [Fact]
    public void Alias_to_an_unknown_anchor_is_reported_and_reads_as_null()
    {
        var (root, diagnostics) = Runbooks.Read("""
            a: 1
            b: *missing
            """);

        var diagnostic = diagnostics.ShouldHaveSingleItem();
        diagnostic.Code.ShouldBe("RB0007");
        diagnostic.Message.ShouldContain("*missing");
        diagnostic.Span.Line.ShouldBe(2);
        diagnostic.Span.Column.ShouldBe(4);
        root.ShouldBeOfType<YamlMapping>().Scalar("b")!.IsNull.ShouldBeTrue();
    }

    [Fact]
    public void Alias_defined_after_its_use_is_unknown()
    {
        var (_, diagnostics) = Runbooks.Read("""
            a: *later
            b: &later 1
            """);

        diagnostics.ShouldHaveSingleItem().Code.ShouldBe("RB0007");
    }

    [Theory]
    [InlineData("? [a, b]\n: 1\n")]
    [InlineData("{a: 1}: 2\n")]
    public void Non_scalar_key_is_reported(string yaml)
    {
        var (root, diagnostics) = Runbooks.Read(yaml);

        diagnostics.ShouldHaveSingleItem().Code.ShouldBe("RB0006");
        root.ShouldBeOfType<YamlMapping>().Entries.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("")]
    [InlineData("\n\n")]
    [InlineData("# only a comment\n")]
    [InlineData("~\n")]
    [InlineData("---\n...\n")]
    public void Empty_document_is_reported_once(string yaml)
    {
        var (root, diagnostics) = Runbooks.Read(yaml);

        root.ShouldBeNull();
        var diagnostic = diagnostics.ShouldHaveSingleItem();
        diagnostic.Code.ShouldBe("RB0003");
        diagnostic.Span.Line.ShouldBe(1);
    }

    [Fact]
    public void Second_document_is_reported_at_its_marker()
    {
        var (root, diagnostics) = Runbooks.Read("""
            a: 1
            ---
            b: 2
            """);

        root.ShouldBeOfType<YamlMapping>().Scalar("a").ShouldNotBeNull();
        var diagnostic = diagnostics.ShouldHaveSingleItem();
        diagnostic.Code.ShouldBe("RB0004");
        diagnostic.Span.Line.ShouldBe(2);
    }

    [Fact]
    public void Syntax_error_has_a_position_and_a_message_without_yamldotnet_prefix()
    {
        var (root, diagnostics) = Runbooks.Read("""
            a: [1, 2
            b: 3
            """);

        root.ShouldBeNull();
        var diagnostic = diagnostics.ShouldHaveSingleItem();
        diagnostic.Code.ShouldBe("RB0001");
        diagnostic.Span.HasPosition.ShouldBeTrue();
        diagnostic.Message.ShouldNotStartWith("(Line");
        diagnostic.Message.ShouldNotBeEmpty();
        diagnostic.Hint.ShouldNotBeNullOrEmpty();
    }

    [Fact]
    public void Tab_indentation_gets_a_hint_about_tabs()
    {
        var (_, diagnostics) = Runbooks.Read("a:\n\tb: 1\n");

        var diagnostic = diagnostics.ShouldHaveSingleItem();
        diagnostic.Code.ShouldBe("RB0001");
        diagnostic.Hint.ShouldNotBeNull().ShouldContain("tabs");
    }

    [Fact]
    public void Value_with_colon_space_in_a_plain_scalar_gets_a_quoting_hint()
    {
        var (_, diagnostics) = Runbooks.Read("message: note: quoted\n");

        var diagnostic = diagnostics.ShouldHaveSingleItem();
        diagnostic.Code.ShouldBe("RB0001");
        diagnostic.Hint.ShouldNotBeNull().ShouldContain("quoted");
        diagnostic.Span.Line.ShouldBe(1);
    }

    [Fact]
    public void Flow_collections_are_read_like_block_ones()
    {
        var root = Runbooks.Mapping("nodes: [{address: 'a:1', id: 1}, {address: b, id: 2}]");

        var nodes = root.Sequence("nodes").ShouldNotBeNull();
        nodes.Items.Count.ShouldBe(2);
        var first = nodes.Items[0].ShouldBeOfType<YamlMapping>();
        first.Scalar("address")!.Value.ShouldBe("a:1");
        first.Scalar("id")!.CoreValue.ShouldBe(1L);
        first.Path.ShouldBe("nodes[0]");
    }

    [Fact]
    public void Explicit_str_tag_is_normalised_and_keeps_the_value_a_string()
    {
        var value = Runbooks.Mapping("port: !!str 9001").Scalar("port").ShouldNotBeNull();

        value.Tag.ShouldBe("tag:yaml.org,2002:str");
        value.IsPlain.ShouldBeFalse();
        value.CoreValue.ShouldBe("9001");
    }

    [Fact]
    public void Crlf_line_endings_give_the_same_positions()
    {
        var root = Runbooks.Mapping("a: 1\r\nbb: 22\r\n");

        root.Entries[1].Value.Span.ShouldBe(new SourceSpan("t.yaml", 2, 5, 2, 7));
        root.Scalar("bb")!.ContentColumnOffset.ShouldBe(0);
    }
}
