using RunbookEngine.Diagnostics;

namespace RunbookEngine.Core.Tests.Diagnostics;

public sealed class DiagnosticBagTests
{
    private static Diagnostic At(string file, int line, int column, DiagnosticDescriptor? code = null) =>
        new(code ?? DiagnosticCodes.UnknownKey, new SourceSpan(file, line, column, line, column + 1), "p", "m");

    [Fact]
    public void Sorted_orders_by_file_line_column_code_and_drops_exact_duplicates()
    {
        var bag = new DiagnosticBag
        {
            At("b.yaml", 1, 1),
            At("a.yaml", 2, 5),
            At("a.yaml", 2, 1, DiagnosticCodes.UnknownKey),
            At("a.yaml", 2, 1, DiagnosticCodes.DuplicateKey),
            At("a.yaml", 10, 1),
            At("a.yaml", 2, 5),
        };

        bag.Sorted().Select(d => $"{d.Span.File}:{d.Span.Line}:{d.Span.Column}:{d.Code}").ShouldBe(
        [
            "a.yaml:2:1:RB0005", "a.yaml:2:1:RB0101", "a.yaml:2:5:RB0101", "a.yaml:10:1:RB0101", "b.yaml:1:1:RB0101",
        ]);
        bag.Count.ShouldBe(6);
    }

    [Fact]
    public void HasErrors_ignores_warnings()
    {
        var bag = new DiagnosticBag { At("a", 1, 1, DiagnosticCodes.RequiredWithDefault) };

        bag.HasErrors.ShouldBeFalse();
        bag.Add(At("a", 1, 1));
        bag.HasErrors.ShouldBeTrue();
    }

    [Fact]
    public void Diagnostic_prints_like_a_compiler()
    {
        At("a.yaml", 3, 7).ToString().ShouldBe("a.yaml:3:7: error RB0101: m");
        new Diagnostic(DiagnosticCodes.RequiredWithDefault, SourceSpan.WholeFile("x"), string.Empty, "w").ToString().ShouldBe("x: warning RB0306: w");
    }

    [Fact]
    public void Spans_know_their_underline_and_sub_ranges()
    {
        var span = new SourceSpan("f", 2, 5, 2, 15);

        span.UnderlineLength.ShouldBe(10);
        span.Sub(3, 4).ShouldBe(new SourceSpan("f", 2, 8, 2, 12));
        span.Sub(3, 0).ShouldBe(new SourceSpan("f", 2, 8, 2, 9));
        new SourceSpan("f", 2, 5, 4, 1).UnderlineLength.ShouldBe(1);
        SourceSpan.WholeFile("f").HasPosition.ShouldBeFalse();
        SourceSpan.WholeFile("f").ToString().ShouldBe("f");
        span.ToString().ShouldBe("f:2:5");
    }
}
