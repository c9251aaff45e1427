using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Serialization;
using RunbookEngine.Activities.Cowsql.Inspection;

// Usage:
//   cowsql-inspect-bench report <node-dir> [--headers-only]      print the NodeReport as JSON
//   cowsql-inspect-bench time <node-dir> [runs] [--headers-only] [--sequential]  time NodeInspector.Inspect
// Peak memory is measured from outside with /usr/bin/time -v (see docs/benchmarks-cowsql.md).
if (args.Length < 2)
{
    Console.Error.WriteLine("usage: cowsql-inspect-bench report|time <node-dir> [runs] [--headers-only]");
    return 2;
}

var options = new InspectOptions(
    VerifyClosedSegmentData: !args.Contains("--headers-only"),
    MaxParallelism: args.Contains("--sequential") ? 1 : 0);
if (args[0] == "report")
{
    var json = new JsonSerializerOptions { WriteIndented = true, Converters = { new JsonStringEnumConverter() } };
    Console.WriteLine(JsonSerializer.Serialize(NodeInspector.Inspect(args[1], options), json));
    return 0;
}

var runs = args.Length > 2 && int.TryParse(args[2], out var n) ? n : 1;
for (var i = 0; i < runs; i++)
{
    var watch = Stopwatch.StartNew();
    var report = NodeInspector.Inspect(args[1], options);
    watch.Stop();
    Console.WriteLine(
        $"run {i + 1}: {watch.Elapsed.TotalMilliseconds:F1} ms, last index {report.LastIndex}, last term {report.LastTerm}, " +
        $"{report.EntryCount} entries, {report.Problems.Count} problems, {GC.GetTotalAllocatedBytes(precise: true) / 1024} KiB allocated so far");
}

return 0;
