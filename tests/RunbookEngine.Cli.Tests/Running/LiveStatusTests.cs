using RunbookEngine.Cli.Running;

namespace RunbookEngine.Cli.Tests.Running;

/// <summary>The live status line a terminal shows under the run's log.</summary>
public sealed class LiveStatusTests
{
    private const string Clear = "\r\u001b[2K";

    [Fact]
    public void Log_lines_go_above_the_status_which_follows_the_engine_s_step_lines()
    {
        var output = new StringWriter();
        var status = new LiveStatus(output, animate: false);
        using (var log = new RunLog(null, output, status))
        {
            log.Info("{Step} ({Kind})", "backup", "fs.backup");
            status.Text().ShouldContain("backup · 0 steps done");
            log.Info("Copied {Files} files", 3);
            log.Info("{Step} done", "backup");
            status.Text().ShouldContain("between steps · 1 step done");
            log.Info("{Step} ({Kind}) attempt {Attempt}", "copy[2]", "fs.copy", 2);
            status.Text().ShouldContain("copy[2] · 1 step done");
        }

        status.Dispose();
        var text = output.ToString();

        // Every log line is preceded by erasing the status line and followed by drawing it again.
        text.ShouldContain(" 00:00\u001b[0m" + Clear);
        text.Split('\n').Count(l => l.Contains("INFO Copied 3 files", StringComparison.Ordinal)).ShouldBe(1);
        text.ShouldContain("backup · 0 steps done");
        text.ShouldEndWith(Clear, customMessage: "disposing removes the status line, so what follows starts on a clean line");
    }

    [Fact]
    public void A_prompt_suspends_the_status_line_until_it_is_answered()
    {
        var output = new StringWriter();
        using var status = new LiveStatus(output, animate: false);
        status.StepStarted("configure");

        using (status.Suspend())
        {
            var before = output.ToString().Length;
            output.Write("Approve? [y/N] ");
            status.StepFinished("configure");
            output.ToString()[before..].ShouldBe("Approve? [y/N] ");
        }

        output.ToString().ShouldEndWith("1 step done · 00:00\u001b[0m");
    }
}
