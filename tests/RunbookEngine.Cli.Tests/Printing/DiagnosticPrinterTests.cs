using RunbookEngine.Cli.Output;
using RunbookEngine.Cli.Tests.Support;

namespace RunbookEngine.Cli.Tests.Printing;

public sealed class DiagnosticPrinterTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("runbook-printer-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void A_short_line_is_shown_whole()
    {
        DiagnosticPrinter.Clip("name: x", 6, 1).ShouldBe(("name: x", 6, 1));
    }

    [Fact]
    public void A_long_line_is_cut_to_a_window_around_the_span_and_the_caret_still_points_at_it()
    {
        var line = new string('a', 1000) + "WRONG" + new string('b', 1000);

        var (text, start, length) = DiagnosticPrinter.Clip(line, 1000, 5);

        text.Length.ShouldBe(162); // 160 characters and an ellipsis at each end
        text.ShouldStartWith("…a");
        text.ShouldEndWith("b…");
        text.Substring(start, length).ShouldBe("WRONG");
    }

    [Fact]
    public void Near_either_end_only_that_end_is_kept_and_a_long_span_is_underlined_to_the_cut()
    {
        var line = "XY" + new string('c', 998);

        var (text, start, length) = DiagnosticPrinter.Clip(line, 0, 2);
        text.ShouldStartWith("XYc");
        text.ShouldEndWith("c…");
        (start, length).ShouldBe((0, 2));

        (text, start, length) = DiagnosticPrinter.Clip(line, 990, 500);
        text.ShouldStartWith("…c");
        text.ShouldNotEndWith("…");
        (start + length).ShouldBe(text.Length);
    }

    [Fact]
    public async Task Validate_shows_a_window_of_a_60_kilobyte_line_not_all_of_it()
    {
        var depth = 30000;
        File.WriteAllText(Path.Combine(_dir, "deep.yaml"), $"""
            apiVersion: runbook/v1
            kind: Runbook
            metadata:
              name: x/deep
              version: 1.0.0
              title: t
            parameters:
              p:
                type: list
                default: {new string('[', depth)}{new string(']', depth)}
            steps: []
            """);

        var result = await CliRunner.RunAsync(_dir, ["validate", "deep.yaml"]);

        result.ExitCode.ShouldBe(2);
        result.Stderr.ShouldContain("deep.yaml:10:267: error RB0001: the document nests mappings and lists deeper than 256 levels");
        result.Stderr.Length.ShouldBeLessThan(1000, result.Stderr[..Math.Min(2000, result.Stderr.Length)]);
    }
}
