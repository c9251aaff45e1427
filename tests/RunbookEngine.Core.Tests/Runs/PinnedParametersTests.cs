using System.Text;
using RunbookEngine.Core.Tests.Support;
using RunbookEngine.Expressions;
using RunbookEngine.Runs;

namespace RunbookEngine.Core.Tests.Runs;

public sealed class PinnedParametersTests : IDisposable
{
    private const string Secret = "s3cr3t-Xq7-hunter2";

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Values_come_back_typed_and_secrets_as_references()
    {
        var path = Write(
        [
            KeyValuePair.Create<string, object?>("dataDirectory", "/var/lib/cowsql"),
            KeyValuePair.Create<string, object?>("port", 9001L),
            KeyValuePair.Create<string, object?>("force", false),
            KeyValuePair.Create<string, object?>("ratio", 0.5),
            KeyValuePair.Create<string, object?>("none", null),
            KeyValuePair.Create<string, object?>("password", new SecretValue(Secret)),
            KeyValuePair.Create<string, object?>("nodes", new List<object?>
            {
                new Dictionary<string, object?> { ["address"] = "10.0.0.1:9001", ["token"] = new SecretValue(Secret) },
            }),
            KeyValuePair.Create<string, object?>("labels", new Dictionary<string, object?> { ["secret"] = "not-a-secret" }),
        ]);

        var pinned = PinnedParameters.Read(path);

        pinned.Secrets.ShouldBe(["password", "nodes[0].token"]);
        pinned.Values.Select(v => v.Key).ShouldBe(["dataDirectory", "port", "force", "ratio", "none", "password", "nodes", "labels"]);
        var values = pinned.Values.ToDictionary(v => v.Key, v => v.Value);
        values["dataDirectory"].ShouldBe("/var/lib/cowsql");
        values["port"].ShouldBe(9001L);
        values["force"].ShouldBe(false);
        values["ratio"].ShouldBe(0.5);
        values["none"].ShouldBeNull();
        values["password"].ShouldBe(new SecretReference("password"));
        var node = values["nodes"].ShouldBeOfType<List<object?>>().ShouldHaveSingleItem().ShouldBeOfType<Dictionary<string, object?>>();
        node["address"].ShouldBe("10.0.0.1:9001");
        node["token"].ShouldBe(new SecretReference("nodes[0].token"));
        values["labels"].ShouldBeOfType<Dictionary<string, object?>>()["secret"].ShouldBe("not-a-secret");
    }

    [Fact]
    public void The_file_holds_references_never_the_secret()
    {
        var text = File.ReadAllText(Write([KeyValuePair.Create<string, object?>("password", new SecretValue(Secret))]));

        text.ShouldNotContain(Secret);
        text.ShouldContain("\"password\": {\n      \"secret\": \"password\"\n    }");
    }

    [Fact]
    public void An_unknown_value_type_is_refused_without_showing_the_value()
    {
        var error = Should.Throw<ArgumentException>(() => PinnedParameters.ToJson([KeyValuePair.Create<string, object?>("key", new StringBuilder(Secret))]));

        error.Message.ShouldContain("parameter 'key' has a value of type StringBuilder");
        error.Message.ShouldNotContain(Secret);
    }

    [Fact]
    public void A_damaged_file_is_reported_with_its_path()
    {
        var path = Path.Combine(_dir.Path, "params.json");
        File.WriteAllText(path, "{\"format\":1}");

        var error = Should.Throw<RunStoreException>(() => PinnedParameters.Read(path));
        error.Code.ShouldBe(RunErrorCodes.RunFolderInvalid);
        error.Message.ShouldContain(path);
    }

    private string Write(IReadOnlyList<KeyValuePair<string, object?>> values)
    {
        var path = Path.Combine(_dir.Path, "params.json");
        File.WriteAllBytes(path, PinnedParameters.ToJson(values));
        return path;
    }
}
