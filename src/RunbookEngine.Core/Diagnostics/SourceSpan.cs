namespace RunbookEngine.Diagnostics;

/// <summary>A 1-based, end-exclusive region of a source file. Line 0 means "the file as a whole".</summary>
public readonly record struct SourceSpan(string File, int Line, int Column, int EndLine, int EndColumn)
{
    public static SourceSpan WholeFile(string file) => new(file, 0, 0, 0, 0);

    public bool HasPosition => Line > 0;

    /// <summary>Number of columns to underline on the first line (at least one).</summary>
    public int UnderlineLength => EndLine == Line && EndColumn > Column ? EndColumn - Column : 1;

    public SourceSpan Sub(int columnOffset, int length) =>
        new(File, Line, Column + columnOffset, Line, Column + columnOffset + Math.Max(1, length));

    public override string ToString() => HasPosition ? $"{File}:{Line}:{Column}" : File;
}
