using RunbookEngine.Activities;
using RunbookEngine.Activities.Binding;

namespace RunbookEngine.Core.Tests.Activities;

/// <summary>Output records into expression values: the kinds <c>steps.x.outputs</c> can hold.</summary>
public sealed class OutputConverterTests
{
    internal enum Health
    {
        AllGood,
        Degraded,
    }

    internal sealed record Member(string Address, int Id);

    internal sealed record Output
    {
        public int ExitCode { get; init; }

        public long Bytes { get; init; }

        public float Ratio { get; init; }

        public string Text { get; init; } = "hi";

        public string? Missing { get; init; }

        public bool Ok { get; init; }

        public TimeSpan Waited { get; init; }

        public Health State { get; init; }

        public IReadOnlyList<int> Codes { get; init; } = [];

        public IReadOnlyDictionary<string, long> Sizes { get; init; } = new Dictionary<string, long>();

        public IReadOnlyList<Member> Members { get; init; } = [];
    }

    [Fact]
    public void Converts_to_canonical_values_with_camel_case_keys()
    {
        var values = OutputConverter.ToValues(new Output
        {
            ExitCode = 3,
            Bytes = 10,
            Ratio = 0.5f,
            Ok = true,
            Waited = TimeSpan.FromSeconds(90),
            State = Health.AllGood,
            Codes = [0, 1],
            Sizes = new Dictionary<string, long> { ["Node1"] = 5 },
            Members = [new Member("a:1", 1)],
        });

        values.Keys.ShouldBe(["exitCode", "bytes", "ratio", "text", "missing", "ok", "waited", "state", "codes", "sizes", "members"]);
        values["exitCode"].ShouldBe(3L);
        values["bytes"].ShouldBe(10L);
        values["ratio"].ShouldBe(0.5);
        values["text"].ShouldBe("hi");
        values["missing"].ShouldBeNull();
        values["ok"].ShouldBe(true);
        values["waited"].ShouldBe("1m30s");
        values["state"].ShouldBe("allGood");
        values["codes"].ShouldBeAssignableTo<IReadOnlyList<object?>>().ShouldBe([0L, 1L]);

        // Keys an activity chose (file names, node names) are data and keep their spelling.
        values["sizes"].ShouldBeAssignableTo<IReadOnlyDictionary<string, object?>>()!["Node1"].ShouldBe(5L);
        var member = values["members"].ShouldBeAssignableTo<IReadOnlyList<object?>>()!.Single().ShouldBeAssignableTo<IReadOnlyDictionary<string, object?>>()!;
        member["address"].ShouldBe("a:1");
        member["id"].ShouldBe(1L);
    }

    [Fact]
    public void No_outputs_is_an_empty_map() => OutputConverter.ToValues(new NoOutputs()).ShouldBeEmpty();
}
