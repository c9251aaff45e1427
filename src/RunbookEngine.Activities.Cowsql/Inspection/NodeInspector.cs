namespace RunbookEngine.Activities.Cowsql.Inspection;

/// <summary>
/// Reads a dqlite/cowsql node directory without changing anything and without starting any
/// process: metadata, snapshots, closed and open segments, info.yaml and cluster.yaml.
/// Damaged or odd data becomes <see cref="Problem"/>s; only a missing directory throws.
/// Format and rules: /work/shared/reference/dqlite-format.md (measured on go-dqlite 1.11.5,
/// libraft 0.15.0) and the libraft sources cited in each reader.
/// </summary>
internal static class NodeInspector
{
    /// <exception cref="DirectoryNotFoundException">The directory does not exist.</exception>
    public static NodeReport Inspect(string nodeDirectory) => Inspect(nodeDirectory, InspectOptions.Default);

    /// <exception cref="DirectoryNotFoundException">The directory does not exist.</exception>
    /// <exception cref="UnauthorizedAccessException">The directory itself cannot be listed.</exception>
    public static NodeReport Inspect(string nodeDirectory, InspectOptions options)
    {
        var listing = NodeListing.Read(nodeDirectory, options.Exclude);
        var problems = new List<Problem>(listing.Problems);
        var scanning = SegmentScanner.Start(SegmentFile.Closed(listing), SegmentFile.Open(listing), options);
        var metadata = MetadataReader.Read(listing, problems);
        var (snapshots, latest) = SnapshotCatalog.Read(listing, problems);
        var (closed, open) = scanning.Finish(problems);
        var log = LogAssembler.Assemble(closed, open, latest, problems);
        var (info, cluster) = NodeYamlReader.Read(listing, problems);
        var hasData = snapshots.Count > 0 || closed.Count > 0 || open.Any(s => s.EntryCount > 0);
        MetadataChecks.Report(metadata, listing, hasData, info, problems);
        StrayFiles.Report(listing, problems);

        return new NodeReport(
            listing.Directory,
            metadata,
            snapshots,
            latest,
            log.Segments,
            log.FirstIndex,
            log.LastIndex,
            log.LastTerm,
            log.EntryCount,
            log.Terms,
            log.Configuration,
            info,
            cluster,
            problems);
    }
}
