using System.Text.Json.Nodes;
using RunbookEngine.Core.Tests.Support;
using RunbookEngine.Loading;
using RunbookEngine.Syntax;

namespace RunbookEngine.Core.Tests.Syntax;

/// <summary>Plain scalars are typed by the YAML 1.2 core schema; anything quoted stays a string.</summary>
public sealed class YamlScalarTests
{
    private static YamlScalar Scalar(string text) => Runbooks.Mapping("v: " + text).Scalar("v").ShouldNotBeNull();

    [Theory]
    [InlineData("~")]
    [InlineData("null")]
    [InlineData("Null")]
    [InlineData("NULL")]
    [InlineData("")]
    public void Null_forms(string text)
    {
        var scalar = Scalar(text);

        scalar.CoreValue.ShouldBeNull();
        scalar.IsNull.ShouldBeTrue();
        scalar.KindName.ShouldBe("null");
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("True", true)]
    [InlineData("TRUE", true)]
    [InlineData("false", false)]
    [InlineData("False", false)]
    [InlineData("FALSE", false)]
    public void Bool_forms(string text, bool expected)
    {
        Scalar(text).CoreValue.ShouldBe(expected);
        Scalar(text).KindName.ShouldBe("a boolean");
    }

    [Theory]
    [InlineData("0", 0L)]
    [InlineData("9001", 9001L)]
    [InlineData("-12", -12L)]
    [InlineData("+7", 7L)]
    [InlineData("007", 7L)]
    [InlineData("017", 17L)]
    [InlineData("9223372036854775807", long.MaxValue)]
    [InlineData("-9223372036854775808", long.MinValue)]
    [InlineData("0x1F", 31L)]
    [InlineData("0xff", 255L)]
    [InlineData("0x7FFFFFFFFFFFFFFF", long.MaxValue)]
    [InlineData("0o17", 15L)]
    [InlineData("0o0", 0L)]
    [InlineData("0o777777777777777777777", long.MaxValue)]
    public void Integer_forms(string text, long expected)
    {
        Scalar(text).CoreValue.ShouldBe(expected);
        Scalar(text).KindName.ShouldBe("an integer");
    }

    [Theory]
    [InlineData("1.5", 1.5)]
    [InlineData("-0.25", -0.25)]
    [InlineData(".5", 0.5)]
    [InlineData("+.5", 0.5)]
    [InlineData("1.", 1.0)]
    [InlineData("1e3", 1000.0)]
    [InlineData("1.5E-2", 0.015)]
    [InlineData("2.0", 2.0)]
    public void Float_forms(string text, double expected)
    {
        Scalar(text).CoreValue.ShouldBeOfType<double>().ShouldBe(expected);
        Scalar(text).KindName.ShouldBe("a number");
    }

    [Theory]
    [InlineData(".inf", double.PositiveInfinity)]
    [InlineData("+.Inf", double.PositiveInfinity)]
    [InlineData("-.INF", double.NegativeInfinity)]
    public void Infinities(string text, double expected) => Scalar(text).CoreValue.ShouldBe(expected);

    [Fact]
    public void Not_a_number() => double.IsNaN(Scalar(".nan").CoreValue.ShouldBeOfType<double>()).ShouldBeTrue();

    [Theory]
    [InlineData("yes")]
    [InlineData("no")]
    [InlineData("on")]
    [InlineData("off")]
    [InlineData("y")]
    [InlineData("nULL")]
    [InlineData("tRUE")]
    [InlineData("0X1F")]
    [InlineData("0x")]
    [InlineData("0xG1")]
    [InlineData("-0x1")]
    [InlineData("0o8")]
    [InlineData("0o")]
    [InlineData("1_000")]
    [InlineData("1,5")]
    [InlineData("1.2.3")]
    [InlineData("30s")]
    [InlineData("127.0.0.1:9001")]
    [InlineData("inf")]
    [InlineData("nan")]
    public void Other_plain_scalars_are_strings(string text)
    {
        Scalar(text).CoreValue.ShouldBe(text);
        Scalar(text).KindName.ShouldBe("a string");
    }

    [Theory]
    [InlineData("'9001'")]
    [InlineData("\"9001\"")]
    [InlineData("'true'")]
    [InlineData("\"null\"")]
    [InlineData("'~'")]
    [InlineData("\"1.5\"")]
    [InlineData("''")]
    public void Quoted_scalars_stay_strings(string text)
    {
        var scalar = Scalar(text);

        scalar.IsPlain.ShouldBeFalse();
        scalar.IsNull.ShouldBeFalse();
        scalar.CoreValue.ShouldBe(text[1..^1]);
        scalar.KindName.ShouldBe("a string");
    }

    [Fact]
    public void Block_scalars_stay_strings()
    {
        Runbooks.Mapping("v: |\n  42\n").Scalar("v")!.CoreValue.ShouldBe("42\n");
        Runbooks.Mapping("v: >-\n  true\n").Scalar("v")!.CoreValue.ShouldBe("true");
    }

    [Theory]
    [InlineData("0x10000000000000000")]
    [InlineData("0xFFFFFFFFFFFFFFFF")]
    [InlineData("0o1777777777777777777777")]
    [InlineData("0o7777777777777777777777777")]
    [InlineData("99999999999999999999")]
    public void Integers_beyond_64_bits_are_never_negative_and_never_throw(string text)
    {
        // Beyond long's range a core-schema integer cannot be a long; it must not wrap around either.
        var value = Scalar(text).CoreValue;

        value.ShouldBeOfType<double>().ShouldBeGreaterThan(long.MaxValue);
    }

    [Fact]
    public void Json_view_types_scalars_like_the_core_schema()
    {
        var root = Runbooks.Mapping("""
            s: text
            q: "9001"
            i: 9001
            h: 0x10
            f: 1.5
            b: true
            n: ~
            l: [1, two]
            m: {k: v}
            """);

        var json = YamlJson.ToJson(root).ShouldBeOfType<JsonObject>();

        json.ToJsonString().ShouldBe("""{"s":"text","q":"9001","i":9001,"h":16,"f":1.5,"b":true,"n":null,"l":[1,"two"],"m":{"k":"v"}}""");
    }
}
