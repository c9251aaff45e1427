using RunbookEngine.Activities;
using RunbookEngine.Activities.Binding;
using RunbookEngine.Expressions;

namespace RunbookEngine.Core.Tests.Activities;

/// <summary>Evaluated <c>with:</c> values into typed input records, and the errors when they do not fit.</summary>
public sealed class InputBinderTests
{
    private const string Secret = "pa55-Wörd";

    internal enum Mode
    {
        Report,
        DryRun,
    }

    internal sealed record Node
    {
        public required string Address { get; init; }

        public int Port { get; init; } = 9001;
    }

    internal sealed record Input
    {
        public required string Name { get; init; }

        public int Count { get; init; } = 7;

        public long? Big { get; init; }

        public double Ratio { get; init; }

        public bool Force { get; init; }

        public TimeSpan? Timeout { get; init; }

        public Mode Mode { get; init; } = Mode.Report;

        public IReadOnlyList<string>? Tags { get; init; }

        public int[]? Codes { get; init; }

        public IReadOnlyDictionary<string, string>? Environment { get; init; }

        public IReadOnlyList<Node>? Nodes { get; init; }

        public Node? Leader { get; init; }

        public object? Anything { get; init; }
    }

    private static Dictionary<string, object?> Values(params (string Key, object? Value)[] entries) =>
        entries.ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal);

    [Fact]
    public void Binds_every_supported_shape_by_camel_case_name()
    {
        var input = InputBinder.Bind<Input>(Values(
            ("name", "db1"),
            ("count", 3L),
            ("big", 5_000_000_000L),
            ("ratio", 2L),
            ("force", true),
            ("timeout", "1m30s"),
            ("mode", "dryRun"),
            ("tags", new List<object?> { "a", "b" }),
            ("codes", new List<object?> { 0L, 3L }),
            ("environment", Values(("TOKEN", "x"))),
            ("nodes", new List<object?> { Values(("address", "10.0.0.1"), ("port", 9002L)), Values(("address", "10.0.0.2")) }),
            ("leader", Values(("address", "10.0.0.1"))),
            ("anything", new List<object?> { 1L, "two" })));

        input.Name.ShouldBe("db1");
        input.Count.ShouldBe(3);
        input.Big.ShouldBe(5_000_000_000L);
        input.Ratio.ShouldBe(2.0);
        input.Force.ShouldBeTrue();
        input.Timeout.ShouldBe(TimeSpan.FromSeconds(90));
        input.Mode.ShouldBe(Mode.DryRun);
        input.Tags.ShouldBe(["a", "b"]);
        input.Codes.ShouldBe([0, 3]);
        input.Environment.ShouldNotBeNull()["TOKEN"].ShouldBe("x");
        input.Nodes.ShouldNotBeNull().Select(n => (n.Address, n.Port)).ShouldBe([("10.0.0.1", 9002), ("10.0.0.2", 9001)]);
        input.Leader.ShouldNotBeNull().Address.ShouldBe("10.0.0.1");
        input.Anything.ShouldBeAssignableTo<IReadOnlyList<object?>>().ShouldNotBeNull().Count.ShouldBe(2);
    }

    [Fact]
    public void Absent_and_null_optional_inputs_keep_the_record_defaults()
    {
        var input = InputBinder.Bind<Input>(Values(("name", "db1"), ("count", null)));

        input.Count.ShouldBe(7);
        input.Mode.ShouldBe(Mode.Report);
        input.Tags.ShouldBeNull();
    }

    [Fact]
    public void Secrets_reach_string_inputs_as_their_text()
    {
        var input = InputBinder.Bind<Input>(Values(
            ("name", new SecretValue(Secret)),
            ("tags", new List<object?> { new SecretValue(Secret) }),
            ("environment", Values(("TOKEN", new SecretValue(Secret))))));

        input.Name.ShouldBe(Secret);
        input.Tags.ShouldBe([Secret]);
        input.Environment!["TOKEN"].ShouldBe(Secret);
    }

    [Theory]
    [InlineData(42L, "42")]
    [InlineData(1.5, "1.5")]
    [InlineData(true, "true")]
    public void Scalars_are_accepted_as_text_for_string_inputs_as_the_loader_allows(object value, string text) =>
        InputBinder.Bind<Input>(Values(("name", value))).Name.ShouldBe(text);

    [Fact]
    public void Int_values_fit_number_inputs_and_integral_numbers_fit_int_inputs()
    {
        InputBinder.Bind<Input>(Values(("name", "x"), ("ratio", 3L))).Ratio.ShouldBe(3.0);
        InputBinder.Bind<Input>(Values(("name", "x"), ("count", 4.0))).Count.ShouldBe(4);
    }

    [Fact]
    public void A_missing_required_input_is_named()
    {
        var error = Should.Throw<ActivityInputException>(() => InputBinder.Bind<Input>(Values(("count", 1L))));

        error.Input.ShouldBe("name");
        error.Expected.ShouldBe("a string");
        error.Message.ShouldBe("missing required input 'name' (a string)");
    }

    [Fact]
    public void A_required_input_given_null_is_missing()
    {
        Should.Throw<ActivityInputException>(() => InputBinder.Bind<Input>(Values(("name", null)))).Input.ShouldBe("name");
    }

    [Fact]
    public void A_missing_required_field_of_a_list_item_is_named_with_its_path()
    {
        var error = Should.Throw<ActivityInputException>(() => InputBinder.Bind<Input>(Values(
            ("name", "x"), ("nodes", new List<object?> { Values(("address", "a")), Values(("port", 1L)) }))));

        error.Input.ShouldBe("nodes[1].address");
    }

    [Theory]
    [InlineData("name", "input 'name' must be a string, found a list")]
    [InlineData("count", "input 'count' must be an integer, found a list")]
    [InlineData("force", "input 'force' must be true or false, found a list")]
    [InlineData("leader", "input 'leader' must be a mapping, found a list")]
    public void Wrong_kinds_name_the_input_and_the_expected_type(string input, string message)
    {
        var values = Values(("name", "x"));
        values[input] = new List<object?>();

        var error = Should.Throw<ActivityInputException>(() => InputBinder.Bind<Input>(values));

        error.Input.ShouldBe(input);
        error.Message.ShouldBe(message);
    }

    [Fact]
    public void A_list_item_of_the_wrong_kind_is_named_by_its_index()
    {
        var error = Should.Throw<ActivityInputException>(() => InputBinder.Bind<Input>(Values(("name", "x"), ("tags", new List<object?> { "a", Values() }))));

        error.Input.ShouldBe("tags[1]");
        error.Message.ShouldBe("input 'tags[1]' must be a string, found a map");
    }

    [Fact]
    public void A_scalar_where_a_list_belongs_says_what_the_list_holds()
    {
        Should.Throw<ActivityInputException>(() => InputBinder.Bind<Input>(Values(("name", "x"), ("tags", 42L))))
            .Message.ShouldBe("input 'tags' must be a list of strings, found an int");
    }

    [Fact]
    public void Strings_are_not_numbers_or_booleans()
    {
        Should.Throw<ActivityInputException>(() => InputBinder.Bind<Input>(Values(("name", "x"), ("count", "3"))))
            .Message.ShouldBe("input 'count' must be an integer, found a string");
        Should.Throw<ActivityInputException>(() => InputBinder.Bind<Input>(Values(("name", "x"), ("force", "yes"))))
            .Message.ShouldBe("input 'force' must be true or false, found a string");
    }

    [Fact]
    public void Enums_take_their_camel_case_names_and_list_them_when_wrong()
    {
        var error = Should.Throw<ActivityInputException>(() => InputBinder.Bind<Input>(Values(("name", "x"), ("mode", "DryRun"))));

        error.Input.ShouldBe("mode");
        error.Message.ShouldBe("input 'mode' must be one of 'report', 'dryRun', found 'DryRun'");
    }

    [Fact]
    public void Durations_must_parse_and_the_hint_says_how_to_write_them()
    {
        var error = Should.Throw<ActivityInputException>(() => InputBinder.Bind<Input>(Values(("name", "x"), ("timeout", "30 seconds"))));

        error.Input.ShouldBe("timeout");
        error.Message.ShouldStartWith("input 'timeout' must be a duration such as 30s or 1m30s, found '30 seconds'");
    }

    [Fact]
    public void Out_of_range_and_fractional_integers_are_refused()
    {
        Should.Throw<ActivityInputException>(() => InputBinder.Bind<Input>(Values(("name", "x"), ("count", 5_000_000_000L))))
            .Message.ShouldBe("input 'count' must be an integer, found 5000000000, which is out of range");
        Should.Throw<ActivityInputException>(() => InputBinder.Bind<Input>(Values(("name", "x"), ("count", 1.5))))
            .Message.ShouldBe("input 'count' must be an integer, found 1.5, which has a fraction");
    }

    [Fact]
    public void Unknown_inputs_are_refused_with_the_known_ones()
    {
        var error = Should.Throw<ActivityInputException>(() => InputBinder.Bind<Input>(Values(("name", "x"), ("nmae", "y"))));

        error.Input.ShouldBe("nmae");
        error.Message.ShouldStartWith("unknown input 'nmae'; known: name, count,");
    }

    [Fact]
    public void A_secret_in_a_wrongly_typed_input_is_never_quoted()
    {
        var error = Should.Throw<ActivityInputException>(() => InputBinder.Bind<Input>(Values(("name", "x"), ("timeout", new SecretValue(Secret)))));

        error.Message.ShouldNotContain(Secret);
        error.Message.ShouldContain("a secret");
    }

    [Fact]
    public void Map_values_are_named_by_their_key()
    {
        Should.Throw<ActivityInputException>(() => InputBinder.Bind<Input>(Values(("name", "x"), ("environment", Values(("PATH", 1L), ("HOME", Values()))))))
            .Input.ShouldBe("environment.HOME");
    }
}
