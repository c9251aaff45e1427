using System.Runtime.CompilerServices;
using RunbookEngine.Cli.Tests.Support;

namespace RunbookEngine.Cli.Tests.Robustness;

/// <summary>
/// Each CLI invocation builds its own command tree. Nothing static may hold on to one: System.CommandLine records in
/// every option the commands it was added to, so a shared static option once kept every tree, with its context and
/// catalogs, alive (about 30 KB per `--help` and 190 KB per `validate`, retained; in-process hosts such as these tests
/// grew by hundreds of MB and slowed down as the lists grew).
/// </summary>
public sealed class CommandTreeLifetimeTests
{
    [Fact]
    public void A_command_tree_and_its_context_are_collected_after_use()
    {
        var (tree, context) = BuildParseAndDrop();

        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();

        tree.IsAlive.ShouldBeFalse("something static still references the command tree");
        context.IsAlive.ShouldBeFalse("something static still references the CLI context");
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static (WeakReference Tree, WeakReference Context) BuildParseAndDrop()
    {
        var context = new CliContext(new CliEnvironment(TextWriter.Null, TextWriter.Null, IsTerminal: false, RepoPaths.Root), BuiltIns.Activities);
        var root = CliApp.BuildRoot(context);

        // Every shared option is used once, so each gets its chance to remember this tree.
        foreach (var args in new[]
        {
            new[] { "runs", "--json", "--state-dir", "/nonexistent" },
            ["plan", "x.yaml", "-p", "a=b", "--params", "p.yaml"],
            ["run", "x.yaml", "--yes"],
            ["list", "--catalog", "runbooks"],
        })
        {
            root.Parse(args).Errors.ShouldBeEmpty(string.Join(' ', args));
        }

        return (new WeakReference(root), new WeakReference(context));
    }
}
