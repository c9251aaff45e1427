using RunbookEngine.Model;

namespace RunbookEngine.Format;

/// <summary>Runbook format v1: every key a runbook may contain, with its type and meaning.</summary>
public static class RunbookFormat
{
    public const string ApiVersion = "runbook/v1";
    public const string Kind = "Runbook";

    /// <summary>Names of the definitions in <see cref="Shapes"/>.</summary>
    public const string StepDefinition = "step";
    public const string ParameterDefinition = "parameter";
    public const string TypeDefinition = "type";

    public static readonly IReadOnlyList<string> ParameterTypes =
        ["string", "int", "bool", "path", "duration", "enum", "list", "object", "secret"];

    public static readonly IReadOnlyList<string> FailureActions = ["fail", "continue"];

    public static ShapeSet Shapes { get; } = Build();

    private static ShapeSet Build()
    {
        var str = new ScalarShape(ScalarKind.String);
        var template = new ScalarShape(ScalarKind.String) { Template = true };
        var integer = new ScalarShape(ScalarKind.Int);
        var boolean = new ScalarShape(ScalarKind.Bool);
        var duration = new ScalarShape(ScalarKind.String) { Pattern = Durations.Pattern, Description = "A duration such as 500ms, 30s, 5m, 1h30m or 2d." };
        var name = new ScalarShape(ScalarKind.String) { Pattern = "^[a-z0-9][a-z0-9-]*(/[a-z0-9][a-z0-9-]*)+$" };
        var identifier = new ScalarShape(ScalarKind.String) { Pattern = Identifiers.Pattern };
        static FieldShape F(string n, Shape s, string d, bool required = false) => new(n, s, required, d);

        var source = new UnionShape([
            str with { Description = "document#section, e.g. 000_82be948217d4d2a4.txt#B.2" },
            new ObjectShape([
                F("document", str, "Seed or vendor document the procedure comes from.", required: true),
                F("section", str, "Section of that document, e.g. B.2."),
                F("url", str, "Where the document is published."),
            ]),
        ]) { Description = "Where the procedure is documented." };

        var metadata = new ObjectShape([
            F("name", name, "Catalog name <system>/<name>; the file lives at runbooks/<system>/<name>.yaml.", required: true),
            F("version", str with { Pattern = SemVersion.Pattern }, "Semantic version (semver 2.0) of this runbook.", required: true),
            F("title", str, "One line saying what the runbook does.", required: true),
            F("description", str, "Longer explanation: when to use it, what it assumes, what it changes."),
            F("source", source, "Where the procedure is documented."),
        ]);

        var parameter = new ObjectShape([
            F("type", str, "string, int, bool, path, duration, enum, list, object, secret, or a name from 'types'.", required: true),
            F("description", str, "What the value means; shown by 'runbook show' and in plans."),
            F("required", boolean, "The run cannot start without a value (default false)."),
            F("default", new AnyShape(), "Value used when none is given."),
            F("values", new ListShape(new ScalarShape(ScalarKind.Any)) { MinItems = 1 }, "Allowed values (required for enum; optional for string, int and path)."),
            F("pattern", str, "Regular expression the whole value must match (string, path, secret)."),
            F("min", integer, "Smallest allowed value (int) or number of items (list)."),
            F("max", integer, "Largest allowed value (int) or number of items (list)."),
            F("items", new UnionShape([str, new RefShape(ParameterDefinition)]), "Type of the items of a list: a type name or a full definition."),
            F("properties", new MapShape(new RefShape(ParameterDefinition)) { KeyPattern = Identifiers.Pattern }, "Fields of an object."),
        ]) { Description = "A typed input of the runbook." };

        var typeDefinition = new ObjectShape([
            F("description", str, "What a value of this type stands for."),
            F("properties", new MapShape(new RefShape(ParameterDefinition)) { KeyPattern = Identifiers.Pattern }, "Fields of the type.", required: true),
        ]) { Description = "A named object type, usable as a parameter type or as list items." };

        var retry = new ObjectShape([
            F("attempts", integer, "Total attempts including the first (at least 1).", required: true),
            F("backoff", duration, "Delay before the second attempt (default 1s); doubles each attempt."),
            F("factor", new ScalarShape(ScalarKind.Number), "Multiplier between delays (default 2)."),
            F("max", duration, "Upper bound of one delay."),
        ]);

        var onFailure = new UnionShape([
            str with { Values = FailureActions },
            new ObjectShape([
                F("compensate", new ListShape(identifier) { MinItems = 1 }, "Ids of steps from 'compensations' to run, in order, before the run fails.", required: true),
            ]),
        ]) { Description = "What happens when the step fails: fail the run (default), continue, or run compensation steps." };

        var approval = new UnionShape([
            template,
            new ObjectShape([F("message", template, "What the operator is asked to approve.", required: true)]),
        ]) { Description = "Ask an operator to approve before the step runs." };

        var step = new ObjectShape([
            F("id", identifier, "Unique id; later steps read outputs as steps.<id>.outputs.<name>.", required: true),
            F("title", str, "Short human title."),
            F("description", str, "What the step does and why."),
            F("uses", str, "Activity name (e.g. fs.copy) or runbook:<name>[@version] to call another runbook."),
            F("with", new MapShape(new AnyShape()), "Inputs of the activity, or parameters of the called runbook."),
            F("steps", new ListShape(new RefShape(StepDefinition)) { MinItems = 1 }, "Steps of a group, run in order."),
            F("when", new UnionShape([boolean, template]), "Condition; the step is skipped when it is false."),
            F("foreach", new UnionShape([template, new ListShape(new AnyShape())]), "Run once per item; item and index are in scope."),
            F("parallel", new UnionShape([integer, boolean]), "With foreach: run up to this many items at once (true: all)."),
            F("retry", retry, "Retry a failed attempt with exponential backoff."),
            F("timeout", duration, "Cancel an attempt that runs longer than this."),
            F("onFailure", onFailure, "fail (default), continue, or {compensate: [ids]}."),
            F("outputs", new MapShape(template) { KeyPattern = Identifiers.Pattern }, "Extra outputs computed from 'result' (the activity's outputs) or inner steps."),
            F("approval", approval, "Operator approval required before the step runs."),
        ]) { Description = "A step: an activity, a call to another runbook, or a group of steps." };

        var output = new UnionShape([
            template,
            new ObjectShape([
                F("value", template, "Expression giving the value.", required: true),
                F("description", str, "What the output means."),
            ]),
        ]);

        var root = new ObjectShape([
            F("apiVersion", str with { Values = [ApiVersion] }, "Format version; runbook/v1.", required: true),
            F("kind", str with { Values = [Kind] }, "Document kind; Runbook.", required: true),
            F("metadata", metadata, "Name, version, title and provenance.", required: true),
            F("types", new MapShape(new RefShape(TypeDefinition)) { KeyPattern = Identifiers.Pattern }, "Named object types for parameters."),
            F("parameters", new MapShape(new RefShape(ParameterDefinition)) { KeyPattern = Identifiers.Pattern }, "Typed inputs of the runbook."),
            F("outputs", new MapShape(output) { KeyPattern = Identifiers.Pattern }, "Values returned to a calling runbook."),
            F("steps", new ListShape(new RefShape(StepDefinition)) { MinItems = 1 }, "The procedure, in order.", required: true),
            F("compensations", new ListShape(new RefShape(StepDefinition)), "Steps that run only when a step's onFailure names them."),
        ]) { Description = "A RunbookEngine runbook (format v1)." };

        return new ShapeSet(root, new Dictionary<string, Shape>
        {
            [StepDefinition] = step,
            [ParameterDefinition] = parameter,
            [TypeDefinition] = typeDefinition,
        });
    }
}
