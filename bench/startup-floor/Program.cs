// Usage: startup-floor validate <folder> [--yaml]
// Parses the command line with System.CommandLine as the CLI does; with --yaml, also runs YamlDotNet's parser over
// every *.yaml file under the folder (events only: no syntax tree, no model, no checks); prints one line.
using System.CommandLine;
using YamlDotNet.Core;

var folder = new Argument<string>("folder");
var yaml = new Option<bool>("--yaml");
var validate = new Command("validate") { folder, yaml };
validate.SetAction(parse =>
{
    var files = 0;
    var events = 0L;
    foreach (var file in Directory.EnumerateFiles(parse.GetValue(folder)!, "*.yaml", SearchOption.AllDirectories))
    {
        var text = File.ReadAllText(file);
        if (parse.GetValue(yaml))
        {
            var parser = new Parser(new StringReader(text));
            while (parser.MoveNext())
            {
                events++;
            }
        }

        files++;
    }

    Console.WriteLine($"{files} files read, {events} YAML events");
    return 0;
});
var root = new RootCommand("startup floor") { validate };
return root.Parse(args).Invoke();
