using Stopwatch = System.Diagnostics.Stopwatch;
using System.Globalization;
using RunbookEngine.Activities;
using RunbookEngine.Activities.Context;

// Usage: fs-copy-bench <source> <destination> [--no-verify] [--no-sync] [--parallel N]
// Prints one line: "<milliseconds inside ExecuteAsync> <bytes> <files>", for bench/fs-copy/run.sh.
if (args.Length < 2)
{
    Console.Error.WriteLine("usage: fs-copy-bench <source> <destination> [--no-verify] [--no-sync] [--parallel N]");
    return 2;
}

var inputs = new Dictionary<string, object?>(StringComparer.Ordinal)
{
    ["path"] = args[0],
    ["destination"] = args[1],
    ["verify"] = !args.Contains("--no-verify"),
    ["sync"] = !args.Contains("--no-sync"),
};
var parallel = Array.IndexOf(args, "--parallel");
if (parallel >= 0)
{
    inputs["parallel"] = long.Parse(args[parallel + 1], CultureInfo.InvariantCulture);
}

var copy = BuiltInActivities.Create().Single(a => a.Name == "fs.copy");
var context = new ActivityContext { RunId = "bench", StepPath = "copy", WorkingDirectory = Environment.CurrentDirectory };
var watch = Stopwatch.StartNew();
var outputs = await copy.ExecuteAsync(inputs, context, CancellationToken.None);
watch.Stop();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{watch.Elapsed.TotalMilliseconds:F0} {outputs["bytes"]} {outputs["files"]}"));
return 0;
