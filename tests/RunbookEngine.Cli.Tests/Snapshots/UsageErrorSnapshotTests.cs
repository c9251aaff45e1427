using RunbookEngine.Cli.Tests.Support;

namespace RunbookEngine.Cli.Tests.Snapshots;

/// <summary>Usage errors exit 2 with a short message that points at --help, never a stack trace.</summary>
public sealed class UsageErrorSnapshotTests
{
    [Fact]
    public async Task Unknown_command_is_one_error()
    {
        var result = await UsageError("usage-unknown-command", "frobnicate");

        result.Stderr.ShouldStartWith("runbook: error: unknown command 'frobnicate'\n");
        result.Stderr.ShouldNotContain("Required command was not provided");
    }

    [Fact]
    public async Task Misspelt_command_suggests_the_closest()
    {
        var result = await UsageError("usage-misspelt-command", "valdate", "runbooks");

        result.Stderr.ShouldContain("did you mean 'validate'?");
    }

    [Fact]
    public async Task Missing_argument() => await UsageError("usage-missing-argument", "show");

    [Fact]
    public async Task Two_missing_arguments_are_one_line_naming_both() => await UsageError("usage-missing-arguments", "approve");

    [Fact]
    public async Task Graph_format_png_names_the_allowed_formats_on_one_line()
    {
        var result = await UsageError("usage-graph-format-png", "graph", "runbooks/examples/preflight.yaml", "--format", "png");

        result.Stderr.ShouldStartWith("runbook: error: Argument 'png' not recognized. Must be one of: 'mermaid', 'dot'\n");
        result.Stderr.ShouldNotContain("\t");
    }

    [Fact]
    public async Task Unknown_option() => await UsageError("usage-unknown-option", "list", "--jsn");

    [Fact]
    public async Task Catalog_option_without_a_value() => await UsageError("usage-catalog-without-value", "list", "--catalog");

    private static async Task<CliResult> UsageError(string snapshot, params string[] args)
    {
        var result = await CliRunner.RunInRepoAsync(args);

        result.ShouldMatchSnapshot(snapshot);
        result.ExitCode.ShouldBe(ExitCodes.InvalidInput);
        result.ShouldNotShowStackTrace();
        result.Stdout.ShouldBeEmpty();
        result.Stderr.ShouldContain("--help' for usage.");
        result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length.ShouldBeLessThanOrEqualTo(4, "a usage error is a short message");
        return result;
    }
}
