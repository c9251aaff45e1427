using RunbookEngine.Model;

namespace RunbookEngine.Core.Tests.Model;

public sealed class ModelTests
{
    [Fact]
    public void Parameter_types_have_readable_names()
    {
        new ParameterType(ParameterKind.Int).DisplayName.ShouldBe("int");
        new ParameterType(ParameterKind.Secret).DisplayName.ShouldBe("secret");
        new ParameterType(ParameterKind.List).DisplayName.ShouldBe("list<string>");
        new ParameterType(ParameterKind.List) { Items = new ParameterType(ParameterKind.Object) { TypeName = "node" } }.DisplayName.ShouldBe("list<node>");
        new ParameterType(ParameterKind.Object).DisplayName.ShouldBe("object");
        new ParameterType(ParameterKind.Enum) { AllowedValues = ["voter", "standby"] }.DisplayName.ShouldBe("enum(voter|standby)");
    }

    [Fact]
    public void Retry_delay_grows_by_the_factor_and_stops_at_the_cap()
    {
        var retry = new RetryPolicy(5, TimeSpan.FromSeconds(1), 2, TimeSpan.FromSeconds(5));

        retry.DelayBefore(2).ShouldBe(TimeSpan.FromSeconds(1));
        retry.DelayBefore(3).ShouldBe(TimeSpan.FromSeconds(2));
        retry.DelayBefore(4).ShouldBe(TimeSpan.FromSeconds(4));
        retry.DelayBefore(5).ShouldBe(TimeSpan.FromSeconds(5));
        new RetryPolicy(3, TimeSpan.FromSeconds(3), 1, null).DelayBefore(3).ShouldBe(TimeSpan.FromSeconds(3));
    }

    [Fact]
    public void Source_reference_prints_as_document_hash_section()
    {
        new SourceReference("doc.txt", "B.2", null).ToString().ShouldBe("doc.txt#B.2");
        new SourceReference("doc.txt", null, "https://example.org").ToString().ShouldBe("doc.txt");
    }
}
