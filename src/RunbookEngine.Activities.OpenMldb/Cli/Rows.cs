namespace RunbookEngine.Activities.OpenMldb.Cli;

/// <summary>One showtablet row. State is kHealthy/kOffline at HEAD, kTabletHealthy/kTabletOffline in the docs' era.</summary>
internal sealed record TabletRow(string Endpoint, string RealEndpoint, string State, string Age)
{
    public bool Healthy => State is "kHealthy" or "kTabletHealthy";
}

/// <summary>One showtable row (one replica of one partition).</summary>
internal sealed record ReplicaRow(string Name, int Tid, int Pid, string Endpoint, bool IsLeader, bool IsAlive, long? Offset, long? RecordCnt);

/// <summary>One showopstatus row.</summary>
internal sealed record OpRow(long OpId, string OpType, string Name, string Pid, string Status, string StartTime, string EndTime, string CurTask)
{
    public bool Pending => Status is "kInited" or "kDoing";

    public bool Failed => Status is "kFailed" or "kCanceled";
}

/// <summary>One gettablestatus row (a partition in a tablet's memory).</summary>
internal sealed record TableStatusRow(int Tid, int Pid, long? Offset, string Mode, string State);

/// <summary>Turns the CLI's tables into rows; every malformed value is a <see cref="FormatException"/>.</summary>
internal static class RowParser
{
    public static IReadOnlyList<TabletRow> Tablets(string text)
    {
        var t = TableOutput.Parse(text, "endpoint", "state", "age");
        return t.Rows.Select(r => new TabletRow(t.Cell(r, "endpoint"), t.Has("real_endpoint") ? t.Cell(r, "real_endpoint") : "-", t.Cell(r, "state"), t.Cell(r, "age"))).ToList();
    }

    public static IReadOnlyList<ReplicaRow> Replicas(string text)
    {
        var t = TableOutput.Parse(text, "name", "tid", "pid", "endpoint", "role", "is_alive", "offset");
        return t.Rows.Select(r => new ReplicaRow(
            t.Cell(r, "name"),
            (int)(t.Long(r, "tid") ?? throw new FormatException("tid is empty")),
            (int)(t.Long(r, "pid") ?? throw new FormatException("pid is empty")),
            t.Cell(r, "endpoint"),
            t.Cell(r, "role") switch { "leader" => true, "follower" => false, var x => throw new FormatException($"role should be leader or follower but is '{x}'") },
            t.Cell(r, "is_alive") switch { "yes" => true, "no" => false, var x => throw new FormatException($"is_alive should be yes or no but is '{x}'") },
            t.Long(r, "offset"),
            t.Has("record_cnt") ? t.Long(r, "record_cnt") : null)).ToList();
    }

    public static IReadOnlyList<OpRow> Ops(string text)
    {
        var t = TableOutput.Parse(text, "op_id", "op_type", "name", "pid", "status", "cur_task");
        return t.Rows.Select(r => new OpRow(
            t.Long(r, "op_id") ?? throw new FormatException("op_id is empty"),
            t.Cell(r, "op_type"), t.Cell(r, "name"), t.Cell(r, "pid"),
            t.Cell(r, "status") is "kInited" or "kDoing" or "kDone" or "kFailed" or "kCanceled" ? t.Cell(r, "status") : throw new FormatException($"unknown op status '{t.Cell(r, "status")}'"),
            t.Has("start_time") ? t.Cell(r, "start_time") : "-",
            t.Has("end_time") ? t.Cell(r, "end_time") : "-",
            t.Cell(r, "cur_task"))).ToList();
    }

    public static IReadOnlyList<TableStatusRow> TableStatus(string text)
    {
        var t = TableOutput.Parse(text, "tid", "pid", "offset", "mode", "state");
        return t.Rows.Select(r => new TableStatusRow(
            (int)(t.Long(r, "tid") ?? throw new FormatException("tid is empty")),
            (int)(t.Long(r, "pid") ?? throw new FormatException("pid is empty")),
            t.Long(r, "offset"), t.Cell(r, "mode"), t.Cell(r, "state"))).ToList();
    }
}
