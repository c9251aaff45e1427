using RunbookEngine.Expressions;
using static RunbookEngine.Core.Tests.Expressions.ExpressionTestHelper;

namespace RunbookEngine.Core.Tests.Expressions;

public class SecretTests
{
    [Fact]
    public void Secret_value_redacts_itself()
    {
        var secret = new SecretValue("pa55");

        secret.ToString().ShouldBe("***");
        $"{secret}".ShouldBe("***");
        secret.Reveal().ShouldBe("pa55");
        secret.ShouldBe(new SecretValue("pa55"));
        secret.ShouldNotBe(new SecretValue("other"));
    }

    [Fact]
    public void Single_expression_returns_the_secret_itself()
    {
        Render("${{ params.password }}").ShouldBeOfType<SecretValue>().Reveal().ShouldBe(SecretText);
    }

    [Fact]
    public void Interpolating_a_secret_makes_the_whole_string_secret()
    {
        var rendered = Render("postgres://admin:${{ params.password }}@${{ steps.find-latest.outputs.address }}/db");

        var secret = rendered.ShouldBeOfType<SecretValue>();
        secret.Reveal().ShouldBe($"postgres://admin:{SecretText}@10.0.0.7/db");
        secret.ToString().ShouldBe("***");
    }

    [Fact]
    public void Interpolating_a_list_that_contains_a_secret_is_secret_too()
    {
        var rendered = Render("all: ${{ secrets }}").ShouldBeOfType<SecretValue>();

        rendered.Reveal().ShouldBe($"all: [\"plain\",\"{SecretText}\"]");
    }

    [Fact]
    public void Rendering_without_secrets_is_a_plain_string()
    {
        Render("x ${{ params.cluster }}").ShouldBeOfType<string>();
    }

    [Theory]
    [InlineData("params.password == '" + SecretText + "'", true)]
    [InlineData("params.password != '" + SecretText + "'", false)]
    [InlineData("params.password == 'guess'", false)]
    [InlineData("params.password == secrets[1]", true)]
    [InlineData("params.password != null", true)]
    [InlineData("length(params.password)", 14L)]
    [InlineData("contains(secrets, 'plain')", true)]
    public void Equality_length_and_coalesce_work_on_secrets(string expression, object expected)
    {
        Eval(expression).ShouldBe(expected);
    }

    [Fact]
    public void Coalesce_passes_a_secret_through()
    {
        Eval("coalesce(params.nothing, params.password)").ShouldBeOfType<SecretValue>().Reveal().ShouldBe(SecretText);
    }

    [Theory]
    [InlineData("upper(params.password)", "upper")]
    [InlineData("trim(params.password)", "trim")]
    [InlineData("string(params.password)", "string")]
    [InlineData("toJson(params.password)", "toJson")]
    [InlineData("contains(params.password, 'h')", "contains")]
    [InlineData("startsWith(params.password, 'h')", "startsWith")]
    [InlineData("split(params.password, '2')", "split")]
    [InlineData("int(params.password)", "int")]
    [InlineData("fromJson(params.password)", "fromJson")]
    [InlineData("format('{0}', params.password)", "format")]
    [InlineData("format(params.password)", "format")]
    [InlineData("first(params.password)", "first")]
    public void Other_functions_refuse_secret_arguments(string expression, string function)
    {
        var error = EvalError(expression);

        error.Message.ShouldBe($"secret values cannot be passed to {function}()");
        error.Message.ShouldNotContain(SecretText);
    }

    [Fact]
    public void Secret_error_points_at_the_secret_argument()
    {
        var error = EvalError("format('{0}', params.password)");

        error.Offset.ShouldBe(14);
        error.Length.ShouldBe(15);
    }

    [Theory]
    [InlineData("join(secrets, ',')", "join")]
    [InlineData("toJson(params)", "toJson")]
    [InlineData("string(secrets)", "string")]
    [InlineData("format('{0}', secrets)", "format")]
    public void Secrets_nested_in_collections_cannot_leak_through_text_functions(string expression, string function)
    {
        var error = EvalError(expression);

        error.Message.ShouldBe($"secret values cannot be passed to {function}()");
        error.Message.ShouldNotContain(SecretText);
    }

    [Fact]
    public void Collection_functions_pass_nested_secrets_through_without_revealing_them()
    {
        Eval("last(secrets)").ShouldBeOfType<SecretValue>();
        Eval("length(secrets)").ShouldBe(2L);
    }

    [Theory]
    [InlineData("params.password < 'z'")]
    [InlineData("params.password && true")]
    [InlineData("!params.password")]
    [InlineData("-params.password")]
    [InlineData("params.password.x")]
    [InlineData("params.password[0]")]
    [InlineData("params.passwrd")]
    [InlineData("max(secrets)")]
    [InlineData("params.password == 'x' || params.password")]
    public void Error_messages_never_contain_the_secret(string expression)
    {
        var error = EvalError(expression);

        error.Message.ShouldNotContain(SecretText);
        error.Message.ShouldNotContain("hunter");
    }

    [Fact]
    public void Operator_errors_name_the_secret_kind()
    {
        EvalError("params.password < 'z'").Message.ShouldStartWith("operator '<' cannot compare a secret with a string");
    }
}
