using System.Text.Json.Nodes;

namespace RunbookEngine.Core.Tests.Schema;

public sealed class JsonSchemaValidatorTests
{
    private static IReadOnlyList<SchemaError> Errors(string schema, string instance) =>
        JsonSchemaValidator.Parse(schema).Validate(JsonNode.Parse(instance));

    private static void ShouldBeValid(string schema, string instance)
    {
        var validator = JsonSchemaValidator.Parse(schema);
        var errors = validator.Validate(JsonNode.Parse(instance));
        errors.ShouldBeEmpty(string.Join(Environment.NewLine, errors));
        validator.IsValid(JsonNode.Parse(instance)).ShouldBeTrue();
    }

    private static SchemaError ShouldFailOnce(string schema, string instance)
    {
        var validator = JsonSchemaValidator.Parse(schema);
        var errors = validator.Validate(JsonNode.Parse(instance));
        validator.IsValid(JsonNode.Parse(instance)).ShouldBeFalse();
        return errors.ShouldHaveSingleItem(string.Join(Environment.NewLine, errors));
    }

    // ------------------------------------------------------------------ every keyword: pass and fail

    public static TheoryData<string, string, string, string, string> KeywordCases => new()
    {
        // schema, valid instance, invalid instance, expected InstancePath, expected Keyword
        { """{"type":"string"}""", "\"x\"", "1", "", "type" },
        { """{"type":["string","null"]}""", "null", "true", "", "type" },
        { """{"type":"integer"}""", "1.0", "1.5", "", "type" },
        { """{"type":"number"}""", "1.5", "\"1.5\"", "", "type" },
        { """{"type":"boolean"}""", "false", "0", "", "type" },
        { """{"type":"object"}""", "{}", "[]", "", "type" },
        { """{"type":"array"}""", "[]", "{}", "", "type" },
        { """{"type":"null"}""", "null", "\"\"", "", "type" },
        { """{"enum":["a",1,{"k":[1]}]}""", """{"k":[1.0]}""", """{"k":[2]}""", "", "enum" },
        { """{"const":{"a":1,"b":[true,null]}}""", """{"b":[true,null],"a":1.0}""", """{"a":1,"b":[false,null]}""", "", "const" },
        { """{"properties":{"a":{"type":"string"}}}""", """{"a":"x","b":1}""", """{"a":1}""", "/a", "type" },
        { """{"required":["a","b"]}""", """{"a":1,"b":2}""", """{"a":1}""", "", "required" },
        { """{"properties":{"a":{}},"additionalProperties":false}""", """{"a":1}""", """{"a":1,"z":2}""", "/z", "additionalProperties" },
        { """{"additionalProperties":{"type":"number"}}""", """{"a":1}""", """{"a":1,"b":"x"}""", "/b", "type" },
        { """{"patternProperties":{"^x-":{"type":"string"}}}""", """{"x-a":"s","y":1}""", """{"x-a":1}""", "/x-a", "type" },
        { """{"propertyNames":{"pattern":"^[a-z]+$"}}""", """{"abc":1}""", """{"abc":1,"A1":2}""", "/A1", "propertyNames" },
        { """{"propertyNames":false}""", "{}", """{"a":1}""", "/a", "propertyNames" },
        { """{"minProperties":2}""", """{"a":1,"b":2}""", """{"a":1}""", "", "minProperties" },
        { """{"maxProperties":1}""", """{"a":1}""", """{"a":1,"b":2}""", "", "maxProperties" },
        { """{"items":{"type":"integer"}}""", "[1,2]", """[1,"x"]""", "/1", "type" },
        { """{"prefixItems":[{"type":"string"},{"type":"number"}]}""", """["a",1,null]""", """["a","b"]""", "/1", "type" },
        { """{"prefixItems":[{}],"items":false}""", "[1]", "[1,2]", "/1", "items" },
        { """{"minItems":2}""", "[1,2]", "[1]", "", "minItems" },
        { """{"maxItems":1}""", "[1]", "[1,2]", "", "maxItems" },
        { """{"uniqueItems":true}""", """[1,"1",{"a":1},{"a":2}]""", """[{"a":1,"b":2},{"b":2,"a":1.0}]""", "", "uniqueItems" },
        { """{"pattern":"b+"}""", "\"abbbc\"", "\"ac\"", "", "pattern" },
        { """{"minLength":2}""", "\"ab\"", "\"a\"", "", "minLength" },
        { """{"maxLength":2}""", "\"ab\"", "\"abc\"", "", "maxLength" },
        { """{"minimum":5}""", "5", "4.99", "", "minimum" },
        { """{"maximum":5}""", "5", "5.01", "", "maximum" },
        { """{"exclusiveMinimum":5}""", "5.01", "5", "", "exclusiveMinimum" },
        { """{"exclusiveMaximum":5}""", "4.99", "5", "", "exclusiveMaximum" },
        { """{"multipleOf":0.1}""", "0.3", "0.35", "", "multipleOf" },
        { """{"multipleOf":2}""", "10", "7", "", "multipleOf" },
        { """{"allOf":[{"minimum":1},{"maximum":3}]}""", "2", "4", "", "maximum" },
        { """{"anyOf":[{"type":"string"},{"minimum":10}]}""", "11", "3", "", "anyOf" },
        { """{"oneOf":[{"type":"string"},{"minimum":10}]}""", "11", "3", "", "oneOf" },
        { """{"oneOf":[{"type":"number"},{"minimum":10}]}""", "3", "11", "", "oneOf" },
        { """{"not":{"type":"string"}}""", "1", "\"x\"", "", "not" },
        { """{"if":{"minimum":10},"then":{"multipleOf":10}}""", "20", "15", "", "multipleOf" },
        { """{"if":{"minimum":10},"then":{"multipleOf":10},"else":{"multipleOf":2}}""", "4", "3", "", "multipleOf" },
        { """{"$defs":{"n":{"type":"number"}},"$ref":"#/$defs/n"}""", "1", "\"1\"", "", "type" },
        { """{"properties":{"a":false}}""", """{"b":1}""", """{"a":1}""", "/a", "false" },
    };

    [Theory]
    [MemberData(nameof(KeywordCases))]
    public void Keyword_accepts_the_valid_instance_and_reports_the_invalid_one(
        string schema, string valid, string invalid, string instancePath, string keyword)
    {
        ShouldBeValid(schema, valid);

        var error = ShouldFailOnce(schema, invalid);
        error.InstancePath.ShouldBe(instancePath);
        error.Keyword.ShouldBe(keyword);
        error.Message.ShouldNotBeNullOrWhiteSpace();
    }

    [Theory]
    [InlineData("null")]
    [InlineData("[]")]
    [InlineData("""{"a":[1]}""")]
    public void Boolean_schemas_accept_everything_or_nothing(string instance)
    {
        ShouldBeValid("true", instance);
        var error = ShouldFailOnce("false", instance);
        error.InstancePath.ShouldBe("");
        error.Keyword.ShouldBe("false");
        error.SchemaPath.ShouldBe("#");
    }

    [Fact]
    public void Schema_path_points_at_the_failing_keyword_in_the_document()
    {
        var error = ShouldFailOnce(
            """{"properties":{"a":{"items":{"maximum":3}}}}""",
            """{"a":[1,2,9]}""");

        error.InstancePath.ShouldBe("/a/2");
        error.SchemaPath.ShouldBe("#/properties/a/items/maximum");
        error.Message.ShouldContain("9");
        error.Message.ShouldContain("3");
    }

    // ------------------------------------------------------------------ type / const / enum details

    [Theory]
    [InlineData("1", true)]
    [InlineData("1.0", true)]
    [InlineData("-0", true)]
    [InlineData("1e3", true)]
    [InlineData("1.000000001", false)]
    [InlineData("\"1\"", false)]
    public void Integer_type_matches_numbers_without_a_fractional_part(string instance, bool valid) =>
        JsonSchemaValidator.Parse("""{"type":"integer"}""").IsValid(JsonNode.Parse(instance)).ShouldBe(valid);

    [Fact]
    public void Numbers_built_in_code_are_understood_like_parsed_ones()
    {
        var validator = JsonSchemaValidator.Parse("""{"type":"integer","minimum":1,"maximum":10,"const":5}""");

        validator.Validate(JsonValue.Create(5)).ShouldBeEmpty();
        validator.Validate(JsonValue.Create(5L)).ShouldBeEmpty();
        validator.Validate(JsonValue.Create(5.0)).ShouldBeEmpty();
        validator.Validate(JsonValue.Create(5.0m)).ShouldBeEmpty();
        validator.Validate(JsonValue.Create(11)).Select(e => e.Keyword).ShouldBe(["const", "maximum"]);
        validator.Validate(JsonValue.Create(5.5f)).Select(e => e.Keyword).ShouldBe(["type", "const"]);
    }

    [Fact]
    public void Enum_and_const_compare_strings_ordinally_and_do_not_equate_different_types()
    {
        var validator = JsonSchemaValidator.Parse("""{"enum":["a",1,true,null]}""");

        validator.IsValid(JsonNode.Parse("\"a\"")).ShouldBeTrue();
        validator.IsValid(null).ShouldBeTrue();
        validator.IsValid(JsonNode.Parse("\"A\"")).ShouldBeFalse();
        validator.IsValid(JsonNode.Parse("\"1\"")).ShouldBeFalse();
        validator.IsValid(JsonNode.Parse("false")).ShouldBeFalse();
        validator.IsValid(JsonNode.Parse("[1]")).ShouldBeFalse();
        JsonSchemaValidator.Parse("""{"const":null}""").IsValid(JsonNode.Parse("0")).ShouldBeFalse();
        JsonSchemaValidator.Parse("""{"const":[1,2]}""").IsValid(JsonNode.Parse("[2,1]")).ShouldBeFalse();
        JsonSchemaValidator.Parse("""{"const":{"a":1}}""").IsValid(JsonNode.Parse("""{"a":1,"b":2}""")).ShouldBeFalse();
    }

    // ------------------------------------------------------------------ objects

    [Fact]
    public void Required_reports_each_missing_property_at_the_object()
    {
        var errors = Errors("""{"required":["a","b","c"]}""", """{"b":1}""");

        errors.Select(e => (e.InstancePath, e.Keyword)).ShouldBe([("", "required"), ("", "required")]);
        errors[0].Message.ShouldContain("'a'");
        errors[1].Message.ShouldContain("'c'");
    }

    [Fact]
    public void Additional_properties_ignores_names_covered_by_properties_or_pattern_properties()
    {
        const string Schema = """
            {"properties":{"name":{"type":"string"}},
             "patternProperties":{"^x-":{"type":"integer"}},
             "additionalProperties":{"type":"boolean"}}
            """;

        ShouldBeValid(Schema, """{"name":"n","x-count":3,"flag":true}""");
        var errors = Errors(Schema, """{"name":1,"x-count":"3","flag":"yes"}""");

        errors.Select(e => (e.InstancePath, e.Keyword)).ShouldBe([("/name", "type"), ("/x-count", "type"), ("/flag", "type")]);
        errors.Select(e => e.SchemaPath).ShouldBe(["#/properties/name/type", "#/patternProperties/^x-/type", "#/additionalProperties/type"]);
    }

    [Fact]
    public void Property_and_matching_pattern_properties_both_apply()
    {
        var errors = Errors(
            """{"properties":{"ab":{"type":"string"}},"patternProperties":{"a":{"minLength":3},"b":{"maxLength":1}}}""",
            """{"ab":"xy"}""");

        errors.Select(e => e.Keyword).ShouldBe(["minLength", "maxLength"]);
    }

    [Fact]
    public void Pattern_properties_search_unanchored()
    {
        var error = ShouldFailOnce("""{"patternProperties":{"port":{"type":"integer"}}}""", """{"http_port_main":"80"}""");

        error.InstancePath.ShouldBe("/http_port_main");
        error.SchemaPath.ShouldBe("#/patternProperties/port/type");
    }

    [Fact]
    public void Property_names_error_names_the_property_and_the_reason()
    {
        var error = ShouldFailOnce("""{"propertyNames":{"maxLength":3}}""", """{"long-name":1}""");

        error.SchemaPath.ShouldBe("#/propertyNames");
        error.Message.ShouldContain("long-name");
        error.Message.ShouldContain("maximum of 3");
    }

    // ------------------------------------------------------------------ arrays

    [Fact]
    public void Items_apply_only_after_prefix_items()
    {
        const string Schema = """{"prefixItems":[{"type":"string"}],"items":{"type":"integer"}}""";

        ShouldBeValid(Schema, """["a",1,2]""");
        Errors(Schema, """[1,"b",2,"c"]""").Select(e => e.InstancePath).ShouldBe(["/0", "/1", "/3"]);
    }

    [Fact]
    public void Unique_items_reports_each_later_duplicate()
    {
        var errors = Errors("""{"uniqueItems":true}""", """[1,2,1.0,"x","x"]""");

        errors.Select(e => e.Message).ShouldBe(["items 0 and 2 are equal", "items 3 and 4 are equal"]);
    }

    [Fact]
    public void Unique_items_false_allows_duplicates() => ShouldBeValid("""{"uniqueItems":false}""", "[1,1]");

    // ------------------------------------------------------------------ strings

    [Fact]
    public void String_lengths_count_code_points_not_utf16_units()
    {
        const string TwoEmoji = "\"\U0001F600\U0001F600\"";

        ShouldBeValid("""{"maxLength":2}""", TwoEmoji);
        ShouldFailOnce("""{"minLength":3}""", TwoEmoji).Keyword.ShouldBe("minLength");
    }

    [Fact]
    public void Pattern_is_a_search_and_honours_anchors()
    {
        ShouldBeValid("""{"pattern":"[0-9]"}""", "\"abc1def\"");
        ShouldFailOnce("""{"pattern":"^[0-9]+$"}""", "\"1a\"").Message.ShouldContain("^[0-9]+$");
    }

    [Fact]
    public void Pattern_that_times_out_is_reported_not_accepted()
    {
        var validator = JsonSchemaValidator.Parse("""{"pattern":"^(a+)+$"}""", TimeSpan.FromMilliseconds(20));

        var error = validator.Validate(JsonValue.Create(new string('a', 40) + "!")).ShouldHaveSingleItem();

        error.Keyword.ShouldBe("pattern");
        error.Message.ShouldContain("timed out");
    }

    [Fact]
    public void Non_strings_are_ignored_by_string_keywords_and_non_numbers_by_numeric_ones()
    {
        ShouldBeValid("""{"minLength":5,"pattern":"^x$","minimum":10,"multipleOf":3,"minItems":2,"required":["a"]}""", "true");
        ShouldBeValid("""{"minLength":5,"minimum":10}""", "[]");
    }

    // ------------------------------------------------------------------ numbers

    [Theory]
    [InlineData("""{"multipleOf":0.01}""", "19.99", true)]
    [InlineData("""{"multipleOf":0.01}""", "19.999", false)]
    [InlineData("""{"multipleOf":1.5}""", "4.5", true)]
    [InlineData("""{"multipleOf":1.5}""", "4", false)]
    [InlineData("""{"multipleOf":1e-30}""", "3e-30", true)]
    [InlineData("""{"minimum":-1e300}""", "-1e301", false)]
    [InlineData("""{"maximum":1e400}""", "1e308", true)]
    [InlineData("""{"exclusiveMinimum":0}""", "1e-40", true)]
    [InlineData("""{"exclusiveMinimum":0}""", "0.0", false)]
    [InlineData("""{"maximum":9007199254740993}""", "9007199254740994", false)]
    public void Numeric_keywords_are_exact_for_decimals_and_handle_extreme_values(string schema, string instance, bool valid) =>
        JsonSchemaValidator.Parse(schema).IsValid(JsonNode.Parse(instance)).ShouldBe(valid);

    // ------------------------------------------------------------------ combinators

    [Fact]
    public void AllOf_passes_through_every_branch_error_with_its_own_paths()
    {
        var errors = Errors(
            """{"allOf":[{"properties":{"a":{"type":"string"}}},{"required":["b"]}]}""",
            """{"a":1}""");

        errors.Select(e => (e.InstancePath, e.Keyword, e.SchemaPath))
            .ShouldBe([("/a", "type", "#/allOf/0/properties/a/type"), ("", "required", "#/allOf/1/required")]);
    }

    [Fact]
    public void AnyOf_failure_is_one_error_that_describes_the_closest_branch()
    {
        const string Schema = """
            {"anyOf":[
              {"type":"string"},
              {"type":"object","properties":{"port":{"maximum":65535}}}
            ]}
            """;

        ShouldBeValid(Schema, """{"port":80}""");
        var error = ShouldFailOnce(Schema, """{"port":70000}""");

        error.InstancePath.ShouldBe("");
        error.Keyword.ShouldBe("anyOf");
        error.SchemaPath.ShouldBe("#/anyOf");
        error.Message.ShouldContain("#/anyOf/1");
        error.Message.ShouldContain("/port");
        error.Message.ShouldContain("65535");
    }

    [Fact]
    public void OneOf_reports_which_branches_matched_when_more_than_one_does()
    {
        var error = ShouldFailOnce("""{"oneOf":[{"type":"integer"},{"minimum":0},{"type":"string"}]}""", "5");

        error.Keyword.ShouldBe("oneOf");
        error.Message.ShouldContain("(0, 1)");
    }

    [Fact]
    public void Inner_errors_of_not_and_if_do_not_leak()
    {
        ShouldBeValid("""{"not":{"required":["a"]}}""", "{}");
        ShouldBeValid("""{"if":{"required":["a"]},"then":{"minProperties":5}}""", """{"b":1}""");
    }

    [Fact]
    public void Then_or_else_without_if_is_rejected_because_it_would_be_ignored()
    {
        Should.Throw<ArgumentException>(() => JsonSchemaValidator.Parse("""{"then":{"type":"string"}}"""))
            .Message.ShouldContain("'then'/'else' without 'if'");
    }

    // ------------------------------------------------------------------ the generator's activity typing pattern

    private const string RunbookSchema = """
        {
          "$schema": "https://json-schema.org/draft/2020-12/schema",
          "$id": "https://example.invalid/runbook.schema.json",
          "type": "object",
          "required": ["steps"],
          "additionalProperties": false,
          "properties": {
            "name": {"type": "string", "description": "display name"},
            "steps": {"type": "array", "items": {"$ref": "#/$defs/step"}}
          },
          "$defs": {
            "step": {
              "type": "object",
              "required": ["uses"],
              "properties": {
                "uses": {"type": "string"},
                "with": {"type": "object"}
              },
              "allOf": [
                {
                  "if": {"properties": {"uses": {"const": "fs.copy"}}, "required": ["uses"]},
                  "then": {"properties": {"with": {"$ref": "#/$defs/fs.copy"}}}
                },
                {
                  "if": {"properties": {"uses": {"const": "net.wait"}}, "required": ["uses"]},
                  "then": {"properties": {"with": {"$ref": "#/$defs/net.wait"}}}
                }
              ]
            },
            "fs.copy": {
              "type": "object",
              "required": ["from", "to"],
              "additionalProperties": false,
              "properties": {"from": {"type": "string"}, "to": {"type": "string"}, "overwrite": {"type": "boolean"}}
            },
            "net.wait": {
              "type": "object",
              "additionalProperties": false,
              "properties": {"host": {"type": "string"}, "port": {"type": "integer", "minimum": 1, "maximum": 65535}}
            }
          }
        }
        """;

    [Fact]
    public void If_then_on_a_sibling_const_types_each_activitys_with_block()
    {
        var validator = JsonSchemaValidator.Parse(RunbookSchema);
        var runbook = JsonNode.Parse("""
            {"name": "deploy", "steps": [
              {"uses": "fs.copy", "with": {"from": "a", "to": "b"}},
              {"uses": "fs.copy", "with": {"from": "a", "overwrite": "yes"}},
              {"uses": "net.wait", "with": {"host": "h", "port": 70000, "from": "x"}},
              {"uses": "custom.thing", "with": {"port": "not checked"}},
              {"with": {}}
            ]}
            """);

        var errors = validator.Validate(runbook);

        errors.Select(e => (e.InstancePath, e.Keyword)).ShouldBe(
        [
            ("/steps/1/with", "required"),
            ("/steps/1/with/overwrite", "type"),
            ("/steps/2/with/port", "maximum"),
            ("/steps/2/with/from", "additionalProperties"),
            ("/steps/4", "required"),
        ], string.Join(Environment.NewLine, errors));
        errors[0].SchemaPath.ShouldBe("#/$defs/fs.copy/required");
        errors[2].SchemaPath.ShouldBe("#/$defs/net.wait/properties/port/maximum");
        errors[3].SchemaPath.ShouldBe("#/$defs/net.wait/additionalProperties");
    }

    [Fact]
    public void Valid_runbook_passes_the_activity_typing_schema()
    {
        var runbook = JsonNode.Parse("""
            {"steps": [{"uses": "net.wait", "with": {"port": 8080}}, {"uses": "fs.copy", "with": {"from": "a", "to": "b", "overwrite": true}}]}
            """);

        JsonSchemaValidator.Parse(RunbookSchema).Validate(runbook).ShouldBeEmpty();
    }

    [Fact]
    public void Else_branch_applies_when_the_discriminator_does_not_match()
    {
        const string Schema = """
            {"if": {"properties": {"kind": {"const": "file"}}, "required": ["kind"]},
             "then": {"required": ["path"]},
             "else": {"required": ["url"]}}
            """;

        ShouldBeValid(Schema, """{"kind":"file","path":"p"}""");
        ShouldBeValid(Schema, """{"kind":"web","url":"u"}""");
        ShouldFailOnce(Schema, """{"kind":"file","url":"u"}""").SchemaPath.ShouldBe("#/then/required");
        ShouldFailOnce(Schema, """{"path":"p"}""").SchemaPath.ShouldBe("#/else/required");
    }

    // ------------------------------------------------------------------ $ref

    [Fact]
    public void Nested_refs_resolve_through_several_definitions()
    {
        const string Schema = """
            {"$ref": "#/$defs/a",
             "$defs": {
               "a": {"properties": {"b": {"$ref": "#/$defs/b"}}},
               "b": {"items": {"$ref": "#/$defs/c"}},
               "c": {"properties": {"d": {"$ref": "#/$defs/d"}}},
               "d": {"type": "string", "maxLength": 1}
             }}
            """;

        ShouldBeValid(Schema, """{"b":[{"d":"x"}]}""");
        var error = ShouldFailOnce(Schema, """{"b":[{"d":"x"},{"d":"xy"}]}""");

        error.InstancePath.ShouldBe("/b/1/d");
        error.SchemaPath.ShouldBe("#/$defs/d/maxLength");
    }

    [Fact]
    public void Recursive_schema_reports_errors_deep_in_the_instance()
    {
        const string Schema = """
            {"type":"object","required":["name"],"additionalProperties":false,
             "properties":{"name":{"type":"string"},"children":{"type":"array","items":{"$ref":"#"}}}}
            """;

        var errors = Errors(Schema, """
            {"name":"root","children":[
              {"name":"a","children":[{"name":"a1"},{"name":"a2","children":[{"name":7}]}]},
              {"children":[], "extra": 1}
            ]}
            """);

        errors.Select(e => (e.InstancePath, e.Keyword)).ShouldBe(
        [
            ("/children/0/children/1/children/0/name", "type"),
            ("/children/1", "required"),
            ("/children/1/extra", "additionalProperties"),
        ]);
    }

    [Fact]
    public void Refs_unescape_json_pointer_and_percent_encoding()
    {
        const string Schema = """
            {"properties": {
               "slash": {"$ref": "#/$defs/a~1b"},
               "tilde": {"$ref": "#/$defs/c~0d"},
               "space": {"$ref": "#/$defs/e%20f"},
               "index": {"$ref": "#/$defs/list/allOf/1"}
             },
             "$defs": {
               "a/b": {"type": "string"},
               "c~d": {"type": "number"},
               "e f": {"type": "boolean"},
               "list": {"allOf": [{}, {"type": "null"}]}
             }}
            """;

        ShouldBeValid(Schema, """{"slash":"s","tilde":1,"space":true,"index":null}""");
        Errors(Schema, """{"slash":1,"tilde":"t","space":null,"index":0}""").Select(e => e.SchemaPath).ShouldBe(
        [
            "#/$defs/a~1b/type",
            "#/$defs/c~0d/type",
            "#/$defs/e f/type",
            "#/$defs/list/allOf/1/type",
        ]);
    }

    [Fact]
    public void Ref_siblings_are_evaluated_too()
    {
        var errors = Errors("""{"$defs":{"s":{"type":"string"}},"$ref":"#/$defs/s","maxLength":2}""", "\"abc\"");

        errors.ShouldHaveSingleItem().Keyword.ShouldBe("maxLength");
    }

    [Fact]
    public void Ref_cycle_on_the_same_instance_location_throws_instead_of_overflowing()
    {
        var validator = JsonSchemaValidator.Parse("""
            {"$ref":"#/$defs/a","$defs":{"a":{"anyOf":[{"$ref":"#/$defs/b"}]},"b":{"allOf":[{"$ref":"#/$defs/a"}]}}}
            """);

        Should.Throw<InvalidOperationException>(() => validator.Validate(JsonNode.Parse("1")))
            .Message.ShouldContain("#/$defs/a");
        Should.Throw<InvalidOperationException>(() => validator.IsValid(JsonNode.Parse("1")));
    }

    [Fact]
    public void The_same_definition_may_be_used_twice_at_one_location()
    {
        ShouldBeValid("""{"$defs":{"n":{"type":"number"}},"allOf":[{"$ref":"#/$defs/n"},{"not":{"not":{"$ref":"#/$defs/n"}}}]}""", "1");
    }

    [Theory]
    [InlineData("""{"$ref":"other.json#/$defs/a"}""", "other.json#/$defs/a")]
    [InlineData("""{"$ref":"#anchor"}""", "#anchor")]
    public void Non_local_refs_and_anchors_are_not_supported(string schema, string reference)
    {
        var exception = Should.Throw<NotSupportedException>(() => JsonSchemaValidator.Parse(schema));

        exception.Message.ShouldContain(reference);
        exception.Message.ShouldContain("#/$ref");
    }

    [Theory]
    [InlineData("""{"$ref":"#/$defs/missing","$defs":{}}""", "missing")]
    [InlineData("""{"$ref":"#/$defs/a~2","$defs":{}}""", "escape")]
    [InlineData("""{"$ref":"#/allOf/01","allOf":[{},{}]}""", "01")]
    public void Unresolvable_refs_are_rejected(string schema, string expected) =>
        Should.Throw<ArgumentException>(() => JsonSchemaValidator.Parse(schema)).Message.ShouldContain(expected);

    // ------------------------------------------------------------------ strictness about the schema itself

    [Theory]
    [InlineData("""{"unevaluatedProperties":false}""", "unevaluatedProperties", "#/unevaluatedProperties")]
    [InlineData("""{"properties":{"a":{"type":"string","contentEncoding":"base64"}}}""", "contentEncoding", "#/properties/a/contentEncoding")]
    [InlineData("""{"$defs":{"unused":{"dependentRequired":{}}}}""", "dependentRequired", "#/$defs/unused/dependentRequired")]
    [InlineData("""{"items":{"anyOf":[{},{"contains":{}}]}}""", "contains", "#/items/anyOf/1/contains")]
    [InlineData("""{"if":{},"then":{"writeOnly":true}}""", "writeOnly", "#/then/writeOnly")]
    [InlineData("""{"patternProperties":{"^a/b":{"$anchor":"x"}}}""", "$anchor", "#/patternProperties/^a~1b/$anchor")]
    [InlineData("""{"additionalProperties":{"not":{"dependencies":{}}}}""", "dependencies", "#/additionalProperties/not/dependencies")]
    [InlineData("""{"properties":{"a":{"$id":"nested"}}}""", "$id", "#/properties/a/$id")]
    public void Unknown_keyword_anywhere_in_the_schema_throws_naming_keyword_and_path(string schema, string keyword, string path)
    {
        var exception = Should.Throw<NotSupportedException>(() => JsonSchemaValidator.Parse(schema));

        exception.Message.ShouldContain($"'{keyword}'");
        exception.Message.ShouldContain($"'{path}'");
    }

    [Fact]
    public void Defs_entries_must_be_schemas_not_grouping_objects()
    {
        var exception = Should.Throw<NotSupportedException>(() =>
            JsonSchemaValidator.Parse("""{"$defs":{"activities":{"fs.copy":{"type":"object"}}}}"""));

        exception.Message.ShouldContain("'fs.copy' at '#/$defs/activities/fs.copy'");
    }

    [Fact]
    public void Other_dialects_are_not_supported()
    {
        Should.Throw<NotSupportedException>(() => JsonSchemaValidator.Parse("""{"$schema":"http://json-schema.org/draft-07/schema#"}"""))
            .Message.ShouldContain("draft-07");
        JsonSchemaValidator.Parse("""{"$schema":"https://json-schema.org/draft/2020-12/schema"}""").IsValid(null).ShouldBeTrue();
    }

    [Fact]
    public void Annotations_are_accepted_and_do_not_constrain_values_or_get_parsed_as_schemas()
    {
        const string Schema = """
            {"$id":"urn:x","$comment":"c","title":"t","description":"d","markdownDescription":"**d**",
             "deprecated":true,"readOnly":false,"format":"email",
             "default":{"unknownKeyword":1},"examples":[{"contains":2}],
             "const":{"notAKeyword":true},
             "enum":[{"notAKeyword":true},{"alsoNot":1}]}
            """;

        ShouldBeValid(Schema, """{"notAKeyword":true}""");
        ShouldBeValid("""{"type":"string","format":"email"}""", "\"not an email\"");
    }

    [Theory]
    [InlineData("""{"type":"text"}""", "#/type")]
    [InlineData("""{"minLength":-1}""", "#/minLength")]
    [InlineData("""{"maxItems":1.5}""", "#/maxItems")]
    [InlineData("""{"minimum":"1"}""", "#/minimum")]
    [InlineData("""{"multipleOf":0}""", "#/multipleOf")]
    [InlineData("""{"required":["a","a"]}""", "#/required")]
    [InlineData("""{"enum":"a"}""", "#/enum")]
    [InlineData("""{"items":[{}]}""", "#/items")]
    [InlineData("""{"allOf":[]}""", "#/allOf")]
    [InlineData("""{"properties":{"a":1}}""", "#/properties/a")]
    [InlineData("""{"pattern":"("}""", "#/pattern")]
    [InlineData("""{"patternProperties":{"[":{}}}""", "#/patternProperties")]
    public void Malformed_keyword_values_are_rejected_with_their_path(string schema, string path) =>
        Should.Throw<ArgumentException>(() => JsonSchemaValidator.Parse(schema)).Message.ShouldContain($"'{path}'");

    // ------------------------------------------------------------------ reporting and robustness

    [Fact]
    public void All_errors_are_reported_with_escaped_deep_instance_paths()
    {
        const string Schema = """
            {"properties":{"steps":{"items":{"properties":{"with":{"additionalProperties":{"type":"integer"}}}}}}}
            """;

        var errors = Errors(Schema, """
            {"steps":[{"with":{"ok":1}},{"with":{"a/b":"x","c~d":"y","":"z"}}]}
            """);

        errors.Select(e => e.InstancePath).ShouldBe(["/steps/1/with/a~1b", "/steps/1/with/c~0d", "/steps/1/with/"]);
    }

    [Fact]
    public void Several_keywords_failing_on_one_value_are_all_reported()
    {
        var errors = Errors("""{"minLength":5,"pattern":"^[0-9]+$","enum":["12345"]}""", "\"ab\"");

        errors.Select(e => e.Keyword).ShouldBe(["enum", "minLength", "pattern"], ignoreOrder: true);
    }

    [Fact]
    public void Instance_built_from_nodes_in_code_is_validated()
    {
        var instance = new JsonObject
        {
            ["steps"] = new JsonArray(new JsonObject { ["uses"] = "net.wait", ["with"] = new JsonObject { ["port"] = 0 } }),
        };

        var error = JsonSchemaValidator.Parse(RunbookSchema).Validate(instance).ShouldHaveSingleItem();

        error.InstancePath.ShouldBe("/steps/0/with/port");
        error.Keyword.ShouldBe("minimum");
    }

    [Fact]
    public void Json_value_wrapping_an_object_is_validated_as_that_object()
    {
        JsonNode? instance = JsonValue.Create(new Dictionary<string, int[]> { ["a"] = [1, 70000] });

        var error = JsonSchemaValidator.Parse("""{"type":"object","properties":{"a":{"items":{"maximum":10}}}}""")
            .Validate(instance).ShouldHaveSingleItem();

        error.InstancePath.ShouldBe("/a/1");
        error.Keyword.ShouldBe("maximum");
    }

    [Fact]
    public void Schema_is_copied_so_later_changes_to_the_document_have_no_effect()
    {
        var document = JsonNode.Parse("""{"type":"string"}""")!;
        var validator = new JsonSchemaValidator(document);

        document["type"] = "number";

        validator.IsValid(JsonValue.Create("x")).ShouldBeTrue();
        validator.IsValid(JsonValue.Create(1)).ShouldBeFalse();
    }

    [Fact]
    public void Error_to_string_shows_path_message_keyword_and_schema_path()
    {
        var error = ShouldFailOnce("""{"properties":{"a":{"type":"string"}}}""", """{"a":1}""");

        error.ToString().ShouldBe("/a: expected string but found number [type at #/properties/a/type]");
    }
}
