using RunbookEngine.Cli.Tests.Support;

namespace RunbookEngine.Cli.Tests.Snapshots;

/// <summary>Secrets have no defaults; 'show' gives a secret's type and never a value.</summary>
public sealed class SecretParameterTests : IDisposable
{
    private const string Secret = "hunter2-do-not-print";
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Show_gives_a_secret_parameter_its_type_and_no_value()
    {
        _dir.Write("runbooks/db/rotate.yaml", Runbook("db/rotate", """
            parameters:
              password:
                type: secret
                required: true
                description: Replication password
              user:
                type: string
                default: replicator
            """));

        var result = await CliRunner.RunAsync(_dir.Path, "show", "db/rotate", "--catalog", "runbooks");

        result.ShouldMatchSnapshot("show-secret-parameter");
        result.ExitCode.ShouldBe(ExitCodes.Success);
        var row = result.Stdout.Split('\n').Single(l => l.TrimStart().StartsWith("password ", StringComparison.Ordinal));
        row.Split(' ', StringSplitOptions.RemoveEmptyEntries).ShouldBe(["password", "secret", "yes", "Replication", "password"]);
    }

    [Fact]
    public async Task A_secret_with_a_default_is_rejected_and_show_does_not_print_it()
    {
        _dir.Write("runbooks/db/leaky.yaml", Runbook("db/leaky", $"""
            parameters:
              password:
                type: secret
                default: {Secret}
            """));

        var show = await CliRunner.RunAsync(_dir.Path, "show", "db/leaky", "--catalog", "runbooks");

        show.ExitCode.ShouldBe(ExitCodes.InvalidInput);
        show.Stdout.ShouldNotContain(Secret);
        show.Stderr.ShouldContain("secret parameter 'password' has a default in the runbook");
    }

    [Fact]
    public async Task A_secret_inside_an_object_default_is_rejected_and_show_does_not_print_it()
    {
        _dir.Write("runbooks/db/nested.yaml", Runbook("db/nested", $$$"""
            types:
              login:
                properties:
                  user: { type: string, required: true }
                  password: { type: secret }
            parameters:
              admin:
                type: login
                default: { user: root, password: {{{Secret}}} }
              user:
                type: string
                default: replicator
            """));

        var show = await CliRunner.RunAsync(_dir.Path, "show", "db/nested", "--catalog", "runbooks");

        show.ShouldMatchSnapshot("show-secret-in-object-default");
        show.ExitCode.ShouldBe(ExitCodes.InvalidInput);
        show.Stdout.ShouldNotContain(Secret);
        show.Stderr.ShouldNotContain(Secret, Case.Sensitive, "the source line is quoted with the secret masked");
        show.Stderr.ShouldContain("the default of 'admin' contains a secret");
    }

    private static string Runbook(string name, string parameters) => $$$"""
        apiVersion: runbook/v1
        kind: Runbook
        metadata:
          name: {{{name}}}
          version: 1.0.0
          title: Rotate the replication password
        {{{parameters}}}
        steps:
          - id: announce
            uses: flow.log
            with:
              message: rotating for ${{ params.user }}

        """.ReplaceLineEndings("\n");
}
