using RunbookEngine.Activities.Context;
using RunbookEngine.Expressions;

namespace RunbookEngine.Core.Tests.Activities;

public sealed class SecretRedactorTests
{
    [Fact]
    public void Replaces_every_occurrence()
    {
        new SecretRedactor(["hunter2"]).Redact("pw=hunter2, again hunter2").ShouldBe("pw=***, again ***");
    }

    [Fact]
    public void A_secret_containing_another_is_masked_whole()
    {
        new SecretRedactor(["abc", "abcdef"]).Redact("x abcdef y").ShouldBe("x *** y");
    }

    [Fact]
    public void Empty_secrets_are_ignored_rather_than_masking_between_every_character()
    {
        var redactor = new SecretRedactor([string.Empty]);

        redactor.IsEmpty.ShouldBeTrue();
        redactor.Redact("text").ShouldBe("text");
    }

    [Fact]
    public void Collects_secrets_from_nested_values()
    {
        var values = new Dictionary<string, object?>
        {
            ["plain"] = "visible",
            ["list"] = new List<object?> { new SecretValue("s1"), "x" },
            ["map"] = new Dictionary<string, object?> { ["deep"] = new SecretValue("s2-longer") },
        };

        var redactor = SecretRedactor.For(values, new SecretValue("s3"));

        redactor.Redact("s1 s2-longer s3 visible").ShouldBe("*** *** *** visible");
        redactor.LongestSecret.ShouldBe("s2-longer".Length);
    }

    [Fact]
    public void With_adds_secrets_learnt_at_run_time()
    {
        SecretRedactor.None.With(["token"]).Redact("a token").ShouldBe("a ***");
    }
}
