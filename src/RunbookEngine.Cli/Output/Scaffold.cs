using System.Globalization;

namespace RunbookEngine.Cli.Output;

/// <summary>The text 'runbook new' writes: a runbook that validates and shows the main features, and its test.</summary>
internal static class Scaffold
{
    public static string Runbook(string name)
    {
        var system = name[..name.IndexOf('/', StringComparison.Ordinal)];
        return $$$"""
            # yaml-language-server: $schema=../../schemas/runbook.schema.json
            apiVersion: runbook/v1
            kind: Runbook
            metadata:
              name: {{{name}}}
              version: 0.1.0
              title: TODO one line saying what this procedure does
              description: |
                When to use it, what it assumes, and what it changes.
              source: TODO-document.txt#section

            parameters:
              nodes:
                type: list
                required: true
                description: Every node of the {{{system}}} cluster.
                items:
                  type: object
                  properties:
                    address: { type: string, required: true, pattern: "[^:]+:[0-9]+", description: host:port }
                    dataDirectory: { type: path, required: true, description: The node's data folder }
              dryRunNote:
                type: string
                default: nothing has been changed yet

            steps:
              - id: preflight
                title: Make sure no node is running
                uses: net.assert-port-closed
                foreach: ${{ params.nodes }}
                with:
                  address: ${{ item.address }}

              - id: announce
                uses: flow.log
                with:
                  message: "Checked ${{ length(params.nodes) }} nodes; ${{ params.dryRunNote }}"
            """ + "\n";
    }

    public static string TestClassName(string name) =>
        string.Concat(name.Split('/', '-').Select(p => p.Length == 0 ? p : char.ToUpper(p[0], CultureInfo.InvariantCulture) + p[1..])) + "Tests";

    public static string Test(string name) => $$"""
        namespace RunbookEngine.Runbooks.Tests.Scaffolded;

        /// <summary>Written by 'runbook new {{name}}'. Add cases that exercise the procedure as it grows.</summary>
        public sealed class {{TestClassName(name)}}
        {
            private const string Name = "{{name}}";

            [Fact]
            public void Validates_without_diagnostics()
            {
                var result = CatalogFixture.Load(Name);

                result.Diagnostics.ShouldBeEmpty();
                result.Runbook.ShouldNotBeNull();
            }

            [Fact]
            public void Binds_example_parameters()
            {
                var bound = CatalogFixture.Bind(Name, "nodes=[{address: 127.0.0.1:9001, dataDirectory: /tmp/node1}]");

                bound.Diagnostics.ShouldBeEmpty();
                bound.Parameters.ShouldNotBeNull();
            }
        }

        """;
}
