using System.Buffers.Binary;
using System.Text;

namespace RunbookEngine.Activities.Cowsql.Inspection;

/// <summary>
/// Decodes raft's configuration encoding, the payload of CHANGE entries and the body of snapshot
/// .meta files (canonical/raft v0.15.0 src/configuration.c configurationEncode/Decode; reference
/// §2.4): u8 version 1, u64 server count, then per server u64 ID, NUL-terminated address,
/// u8 raft role; zero padding to 8 bytes. Returns null and sets <paramref name="error"/> when the
/// bytes do not decode.
/// </summary>
internal static class ConfigurationDecoder
{
    private const byte EncodingVersion = 1;
    private const int SmallConfiguration = 16;

    public static IReadOnlyList<ClusterMember>? TryDecode(ReadOnlySpan<byte> bytes, out string? error)
    {
        error = null;
        if (bytes.Length == 0 || bytes[0] != EncodingVersion)
        {
            error = bytes.Length == 0 ? "empty configuration" : $"unknown configuration encoding version {bytes[0]}";
            return null;
        }

        if (bytes.Length < 9)
        {
            error = $"configuration of {bytes.Length} bytes ends inside the server count";
            return null;
        }

        var count = BinaryPrimitives.ReadUInt64LittleEndian(bytes[1..]);
        var cursor = bytes[9..];

        // Each server takes at least 10 bytes (ID, an empty address's NUL, role).
        if (count > (ulong)cursor.Length / 10)
        {
            error = $"configuration claims {count} servers in {bytes.Length} bytes";
            return null;
        }

        var members = new List<ClusterMember>((int)count);

        // Sets only for large configurations: HashSet<ulong> is compiled at run time (not in any
        // ReadyToRun image), which cost the first inspection more than a scan of a few members.
        var ids = count > SmallConfiguration ? new HashSet<ulong>() : null;
        var addresses = count > SmallConfiguration ? new HashSet<string>(StringComparer.Ordinal) : null;
        for (ulong i = 0; i < count; i++)
        {
            var member = ReadServer(ref cursor, out error);
            if (member is null)
            {
                return null;
            }

            // raft refuses duplicate IDs and addresses (configurationAdd, src/configuration.c).
            var duplicate = ids is null || addresses is null
                ? members.Exists(m => m.Id == member.Id || m.Address == member.Address)
                : !ids.Add(member.Id) || !addresses.Add(member.Address);
            if (duplicate)
            {
                error = $"server {member.Id} ({member.Address}) appears twice";
                return null;
            }

            members.Add(member);
        }

        return members;
    }

    private static ClusterMember? ReadServer(ref ReadOnlySpan<byte> cursor, out string? error)
    {
        error = null;
        if (cursor.Length < 8)
        {
            error = "configuration ends inside a server ID";
            return null;
        }

        var id = BinaryPrimitives.ReadUInt64LittleEndian(cursor);
        cursor = cursor[8..];
        var nul = cursor.IndexOf((byte)0);
        if (nul < 0 || nul + 1 >= cursor.Length)
        {
            error = $"address of server {id} is not terminated";
            return null;
        }

        var address = Encoding.UTF8.GetString(cursor[..nul]);
        var code = cursor[nul + 1];
        cursor = cursor[(nul + 2)..];
        var role = MemberRoles.FromRaftCode(code);
        if (role is null)
        {
            error = $"server {id} has unknown raft role {code}";
            return null;
        }

        return new ClusterMember(id, address, role.Value);
    }
}
