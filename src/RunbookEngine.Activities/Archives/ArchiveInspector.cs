using System.Formats.Tar;
using System.Security.Cryptography;
using System.Text;

namespace RunbookEngine.Activities.Archives;

/// <summary>
/// The checking pass of archive.extract: reads the whole archive and the destination, writing nothing, and refuses
/// the archive if any entry could land outside the destination. Only when every entry is safe does extraction start,
/// so a malicious entry at the end of an archive cannot leave the entries before it behind.
/// </summary>
internal sealed class ArchiveInspector
{
    private const int MaxLinkHops = 40;
    private const int MaxReported = 5;

    // Two names a case-insensitive or normalizing file system stores as one are one place.
    private static readonly StringComparer PathComparer = OperatingSystem.IsLinux() ? StringComparer.Ordinal : StringComparer.OrdinalIgnoreCase;

    private readonly string _destination;
    private readonly bool _overwrite;
    private readonly List<string> _unsafe = [];
    private readonly List<string> _unsupported = [];
    private readonly List<string> _unsafeDestination = [];
    private readonly List<string> _exists = [];
    private readonly Dictionary<string, ArchiveEntry> _byPath = new(PathComparer);

    private ArchiveInspector(string destination, bool overwrite)
    {
        _destination = destination;
        _overwrite = overwrite;
    }

    /// <summary>Every entry of the archive, checked; an <see cref="ArchiveProblem"/> listing what is wrong otherwise.</summary>
    public static async Task<IReadOnlyList<ArchiveEntry>> InspectAsync(FileStream archive, string destination, bool overwrite, CancellationToken cancellationToken)
    {
        var inspector = new ArchiveInspector(destination, overwrite);
        var entries = new List<ArchiveEntry>();
        await ArchiveReading.ForEachAsync(
            archive,
            async (entry, index) => entries.Add(await inspector.ReadAsync(entry, index, cancellationToken).ConfigureAwait(false)),
            cancellationToken).ConfigureAwait(false);
        inspector.CheckTogether(entries);
        inspector.ThrowIfAnyProblem();
        return entries;
    }

    /// <summary>One entry on its own: its name, its type, its link target; files are hashed.</summary>
    private async Task<ArchiveEntry> ReadAsync(TarEntry entry, int index, CancellationToken cancellationToken)
    {
        var name = entry.Name;
        var kind = ArchiveEntry.KindOf(entry.EntryType);
        if (kind is null)
        {
            var list = entry.EntryType is TarEntryType.CharacterDevice or TarEntryType.BlockDevice or TarEntryType.Fifo ? _unsafe : _unsupported;
            list.Add($"'{name}' is a {entry.EntryType} entry, which is never extracted");
        }

        var path = EntryPath.Normalize(name, out var problem);
        if (problem is not null)
        {
            _unsafe.Add($"'{name}' {problem}");
        }
        else if (path!.Length == 0 && kind is not EntryKind.Directory)
        {
            _unsafe.Add($"'{name}' names the destination itself");
        }

        string? linkTarget = null;
        if (kind is EntryKind.SymbolicLink)
        {
            linkTarget = entry.LinkName;
            var reason = linkTarget switch
            {
                "" => "has an empty target",
                _ when linkTarget.Contains('\0', StringComparison.Ordinal) || linkTarget.Contains('\\', StringComparison.Ordinal) => "has a target with a NUL or backslash",
                _ when linkTarget.StartsWith('/') || linkTarget.Length >= 2 && char.IsAsciiLetter(linkTarget[0]) && linkTarget[1] == ':' => $"points to the absolute path {linkTarget}",
                _ => null,
            };
            if (reason is not null)
            {
                _unsafe.Add($"symbolic link '{name}' {reason}");
            }
        }
        else if (kind is EntryKind.HardLink)
        {
            linkTarget = EntryPath.Normalize(entry.LinkName, out var linkProblem);
            if (linkProblem is not null || linkTarget!.Length == 0)
            {
                _unsafe.Add($"hard link '{name}' to '{entry.LinkName}' {linkProblem ?? "names the destination itself"}");
            }
        }

        string? sha = null;
        if (kind is EntryKind.File)
        {
            sha = Convert.ToHexStringLower(entry.DataStream is { } data ? await SHA256.HashDataAsync(data, cancellationToken).ConfigureAwait(false) : SHA256.HashData([]));
        }

        return new ArchiveEntry(index, kind ?? EntryKind.File, name, path ?? string.Empty, linkTarget, entry.Length, entry.Mode, entry.ModificationTime, sha);
    }

    /// <summary>What only the whole archive shows: collisions, links and their targets, and the destination as it is.</summary>
    private void CheckTogether(IReadOnlyList<ArchiveEntry> entries)
    {
        if (_unsafe.Count > 0 || _unsupported.Count > 0)
        {
            // Names are not trustworthy yet; the problems found so far are the answer.
            return;
        }

        foreach (var entry in entries.Where(e => e.Path.Length > 0))
        {
            var key = entry.Path.Normalize(NormalizationForm.FormC);
            if (!_byPath.TryAdd(key, entry))
            {
                _unsafe.Add($"'{entry.Name}' is the same place as '{_byPath[key].Name}'");
            }
        }

        foreach (var entry in entries.Where(e => e.Path.Length > 0))
        {
            CheckAncestors(entry);
            if (entry.Kind is EntryKind.SymbolicLink)
            {
                CheckLinkTarget(entry);
            }
            else if (entry.Kind is EntryKind.HardLink)
            {
                CheckHardLink(entry);
            }
        }

        if (_unsafe.Count == 0)
        {
            foreach (var entry in entries.Where(e => e.Path.Length > 0))
            {
                CheckDestination(entry);
            }
        }
    }

    /// <summary>Each folder an entry goes through must be a folder in the archive (or not in it at all), never a link or a file.</summary>
    private void CheckAncestors(ArchiveEntry entry)
    {
        foreach (var ancestor in EntryPath.Ancestors(entry.Path))
        {
            if (_byPath.TryGetValue(ancestor.Normalize(NormalizationForm.FormC), out var holder) && holder.Kind is not EntryKind.Directory)
            {
                _unsafe.Add(holder.Kind is EntryKind.SymbolicLink
                    ? $"'{entry.Name}' goes through the symbolic link '{holder.Name}' in the archive"
                    : $"'{entry.Name}' is inside '{holder.Name}', which the archive makes a {holder.Describe()}");
                return;
            }
        }
    }

    /// <summary>
    /// Follows a link's target the way the OS will, through the archive's own links (and refusing links already in the
    /// destination): <c>a -> .</c> then <c>b -> a/..</c> escapes, although <c>a/..</c> looks harmless on its own.
    /// </summary>
    private void CheckLinkTarget(ArchiveEntry link)
    {
        var resolved = EntryPath.Components(EntryPath.Parent(link.Path)).ToList();
        var pending = new LinkedList<string>(EntryPath.Components(link.LinkTarget!));
        var hops = 0;
        while (pending.First is { } first)
        {
            pending.RemoveFirst();
            if (first.Value == "..")
            {
                if (resolved.Count == 0)
                {
                    _unsafe.Add($"symbolic link '{link.Name}' points to '{link.LinkTarget}', outside the destination");
                    return;
                }

                resolved.RemoveAt(resolved.Count - 1);
                continue;
            }

            resolved.Add(first.Value);
            var here = string.Join('/', resolved);
            if (_byPath.TryGetValue(here.Normalize(NormalizationForm.FormC), out var entry) && entry.Kind is EntryKind.SymbolicLink)
            {
                if (++hops > MaxLinkHops)
                {
                    _unsafe.Add($"symbolic link '{link.Name}' resolves through more than {MaxLinkHops} links (a loop?)");
                    return;
                }

                resolved.RemoveAt(resolved.Count - 1);
                foreach (var component in EntryPath.Components(entry.LinkTarget!).Reverse())
                {
                    pending.AddFirst(component);
                }
            }
            else if (entry is null && IsLinkOnDisk(here))
            {
                _unsafe.Add($"symbolic link '{link.Name}' points through '{here}', a symbolic link already in the destination");
                return;
            }
        }
    }

    /// <summary>A hard link must repeat a file that comes before it in the archive; it is extracted as a copy of that file.</summary>
    private void CheckHardLink(ArchiveEntry link)
    {
        if (!_byPath.TryGetValue(link.LinkTarget!.Normalize(NormalizationForm.FormC), out var target) || target.Kind is not EntryKind.File
            || target.Index > link.Index)
        {
            _unsafe.Add($"hard link '{link.Name}' points to '{link.LinkTarget}', which is not a file earlier in the archive");
            return;
        }

        link.LinkedFile = target;
    }

    /// <summary>What is at the entry's place now: the same thing (left alone), nothing, or something it would replace.</summary>
    private void CheckDestination(ArchiveEntry entry)
    {
        foreach (var ancestor in EntryPath.Ancestors(entry.Path))
        {
            var folder = EntryPath.Full(_destination, ancestor);
            if (IsLinkOnDisk(ancestor))
            {
                _unsafeDestination.Add($"'{entry.Name}' would be written through {folder}, a symbolic link in the destination");
                return;
            }

            if (File.Exists(folder))
            {
                _exists.Add($"'{entry.Name}' needs the folder {folder}, but a file is there");
                return;
            }
        }

        var full = EntryPath.Full(_destination, entry.Path);
        var info = new FileInfo(full);
        if (!info.Exists && !Directory.Exists(full) && info.LinkTarget is null)
        {
            return;
        }

        if (info.LinkTarget is { } current)
        {
            entry.State = entry.Kind is EntryKind.SymbolicLink && current == entry.LinkTarget ? EntryState.Same : EntryState.Replaces;
            if (entry.State is EntryState.Replaces && entry.Kind is not EntryKind.SymbolicLink)
            {
                _unsafeDestination.Add($"{full} is a symbolic link; '{entry.Name}' would be written through it");
                return;
            }
        }
        else if (Directory.Exists(full))
        {
            if (entry.Kind is not EntryKind.Directory)
            {
                _exists.Add($"{full} is a folder; the archive has a {entry.Describe()} there");
                return;
            }

            entry.State = EntryState.Same;
        }
        else if (entry.Kind is EntryKind.Directory)
        {
            _exists.Add($"{full} is a file; the archive has a folder there");
            return;
        }
        else
        {
            var sha = (entry.LinkedFile ?? entry).Sha256;
            entry.State = entry.Kind is EntryKind.File or EntryKind.HardLink && info.Length == (entry.LinkedFile ?? entry).Size && sha == HashFile(full)
                ? EntryState.Same
                : EntryState.Replaces;
        }

        if (entry.State is EntryState.Replaces && !_overwrite)
        {
            _exists.Add($"{full} already exists with other content");
        }
    }

    private bool IsLinkOnDisk(string relative) => new FileInfo(EntryPath.Full(_destination, relative)).LinkTarget is not null;

    private static string HashFile(string path)
    {
        using var file = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(file));
    }

    private void ThrowIfAnyProblem()
    {
        var (type, problems, what) =
            _unsafe.Count > 0 ? (ArchiveProblem.UnsafeEntry, _unsafe, "unsafe entries")
            : _unsupported.Count > 0 ? (ArchiveProblem.UnsupportedEntry, _unsupported, "entries that cannot be extracted")
            : _unsafeDestination.Count > 0 ? (ArchiveProblem.UnsafeDestination, _unsafeDestination, "entries that would go through symbolic links in the destination")
            : _exists.Count > 0 ? (ArchiveProblem.TargetExists, _exists, "entries whose place is taken (overwrite: true replaces files)")
            : (null, [], string.Empty);
        if (type is null)
        {
            return;
        }

        var shown = string.Join("; ", problems.Take(MaxReported));
        var more = problems.Count > MaxReported ? $"; and {problems.Count - MaxReported} more" : string.Empty;
        throw new ArchiveProblem(type, $"refusing the archive, nothing was extracted: {problems.Count} {what}: {shown}{more}");
    }
}
