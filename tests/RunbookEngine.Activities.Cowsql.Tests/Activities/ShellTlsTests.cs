using System.Net;
using System.Net.Sockets;
using RunbookEngine.Activities;
using RunbookEngine.Activities.Context;
using RunbookEngine.Activities.Cowsql.Tests.TestSupport;

namespace RunbookEngine.Activities.Cowsql.Tests.Activities;

[CollectionDefinition(nameof(ShellTlsTests), DisableParallelization = true)]
public sealed class ShellTlsTestsCollection;

/// <summary>
/// cowsql.cluster and cowsql.query against a cluster that requires TLS: the shell gets -c and -k. dqlite-demo cannot
/// serve TLS, so a stand-in shell records its argv and answers like the real one; a listener stands in for a node
/// (the activities probe for one before they start the shell). Runs alone: under the inspection tests' parallel scans
/// on two cores, the probe's answer was once late enough to count as "no server".
/// </summary>
[Collection(nameof(ShellTlsTests))]
public sealed class ShellTlsTests : IDisposable
{
    private readonly NodeDirectoryBuilder _dir = new();
    private readonly TcpListener _node = new(IPAddress.Loopback, 0);

    public ShellTlsTests()
    {
        _node.Start();
        File.WriteAllText(Path.Combine(_dir.Path, "client.crt"), "-----BEGIN CERTIFICATE-----\n");
        File.WriteAllText(Path.Combine(_dir.Path, "client.key"), "-----BEGIN PRIVATE KEY-----\n");
        File.WriteAllText(Shell, $$"""
            #!/bin/sh
            printf '%s\n' "$@" > "$(dirname "$0")/argv-$$"
            case "$*" in
              *.leader*) echo {{Address}} ;;
              *.cluster*) echo '[{"ID":1,"Address":"{{Address}}","Role":0}]' ;;
              *) echo '42' ;;
            esac
            """);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(Shell, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    private string Shell => Path.Combine(_dir.Path, "fake-shell");

    private string Address => $"127.0.0.1:{((IPEndPoint)_node.LocalEndpoint).Port}";

    public void Dispose()
    {
        _node.Stop();
        _dir.Dispose();
    }

    private Task<IReadOnlyDictionary<string, object?>> Run(string activity, Dictionary<string, object?> inputs)
    {
        inputs["servers"] = new List<object?> { Address };
        inputs["shell"] = Shell;
        var context = new ActivityContext { RunId = "r", StepPath = "s", WorkingDirectory = _dir.Path };
        return CowsqlActivities.Create().Single(a => a.Name == activity).ExecuteAsync(inputs, context, CancellationToken.None);
    }

    /// <summary>Each shell invocation's argv (without argv[0]), in no particular order.</summary>
    private List<string[]> Invocations() =>
        Directory.EnumerateFiles(_dir.Path, "argv-*").Select(f => File.ReadAllLines(f)).ToList();

    [Fact]
    public async Task The_cluster_check_passes_the_certificate_and_key_to_every_shell_call()
    {
        var outputs = await Run("cowsql.cluster", new() { ["tlsCert"] = "client.crt", ["tlsKey"] = "client.key" });

        outputs["leader"].ShouldBe(Address);
        var cert = Path.Combine(_dir.Path, "client.crt");
        var key = Path.Combine(_dir.Path, "client.key");
        Invocations().Select(argv => string.Join(' ', argv)).Order(StringComparer.Ordinal).ShouldBe([
            $"-s {Address} -c {cert} -k {key} -f json demo .cluster",
            $"-s {Address} -c {cert} -k {key} demo .leader",
        ]);
    }

    [Fact]
    public async Task The_query_passes_them_too_and_without_them_the_shell_gets_neither()
    {
        await Run("cowsql.query", new() { ["sql"] = "SELECT 1", ["tlsCert"] = "client.crt", ["tlsKey"] = "client.key" });
        var withTls = Invocations().ShouldHaveSingleItem();
        withTls.ShouldContain("-c");
        withTls.ShouldContain("-k");
        foreach (var file in Directory.EnumerateFiles(_dir.Path, "argv-*"))
        {
            File.Delete(file);
        }

        await Run("cowsql.query", new() { ["sql"] = "SELECT 1" });

        Invocations().ShouldHaveSingleItem().ShouldBe(["-s", Address, "demo", "SELECT 1"]);
    }

    [Theory]
    [InlineData("client.crt", null, "tlsKey", "go together")]
    [InlineData(null, "client.key", "tlsCert", "go together")]
    [InlineData("missing.crt", "client.key", "tlsCert", "names no file")]
    public async Task A_half_or_missing_pair_is_an_input_error_and_no_shell_runs(string? cert, string? key, string input, string message)
    {
        var error = await Should.ThrowAsync<ActivityInputException>(() => Run("cowsql.cluster", new() { ["tlsCert"] = cert, ["tlsKey"] = key }));

        error.Input.ShouldBe(input);
        error.Message.ShouldContain(message);
        Invocations().ShouldBeEmpty();
    }
}
