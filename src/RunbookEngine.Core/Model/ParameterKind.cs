namespace RunbookEngine.Model;

internal enum ParameterKind
{
    String,
    Int,
    Bool,
    Path,
    Duration,
    Enum,
    List,
    Object,
    Secret,
}
