using System.Runtime.InteropServices;
using System.Text;
using static RunbookEngine.Journal.LibC;

namespace RunbookEngine.Activities.Process.Native;

/// <summary>
/// Starts a program on Linux with glibc's posix_spawn(3) (a vfork-style clone, then exec), with its three standard
/// streams on pipes, and opens a pidfd for it (pidfd_open(2), Linux 5.3) so one poll(2) can wait for its output and
/// its exit together. <see cref="SpawnedChild"/> does that waiting. Compared with System.Diagnostics.Process this
/// saves the hops through .NET's SIGCHLD thread and the thread pool for every spawn (docs/benchmarks.md, "Engine
/// overhead per step"). What the child sees is what Process gives it: the same argv (argv[0] as given), the
/// parent's environment with the step's overrides, the working directory, no signal blocked, the engine's ignored
/// signals still ignored except SIGPIPE (see <see cref="Spawn"/>), and no descriptor of ours but the three pipes
/// (stdout may be a file instead, and stdin may be fed text). Only used where <see cref="IsAvailable"/>.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
internal static class PosixSpawn
{
    private const string Library = "libc";
    private const int O_CLOEXEC = 0x80000;
    private const int O_NONBLOCK = 0x800; // the same on x86_64 and aarch64
    private const int F_GETFL = 3;
    private const int F_SETFL = 4;
    private const short POSIX_SPAWN_SETSIGDEF = 0x04;
    private const short POSIX_SPAWN_SETSIGMASK = 0x08;
    private const int SIGPIPE = 13;
    private const int SYS_pidfd_open = 434; // the same number on x86_64 and aarch64 (the unified syscall table)

    // glibc's opaque types, with room to spare: posix_spawn_file_actions_t is 80 bytes, posix_spawnattr_t 336,
    // sigset_t 128 on 64-bit Linux.
    private const int FileActionsSize = 256;
    private const int AttributesSize = 512;
    private const int SigsetSize = 256;

    /// <summary>Linux on x64 or arm64 with glibc's posix_spawn_file_actions_addchdir_np (2.29) and a kernel with pidfd_open.</summary>
    public static bool IsAvailable { get; } = Probe();

    /// <summary>
    /// Starts <paramref name="argv"/>[0] (resolved like Process does) in <paramref name="directory"/>. The caller
    /// owns the returned child and must dispose it. With <paramref name="stdoutFile"/> (an open descriptor the caller
    /// keeps owning) the program writes its stdout there directly instead of into a pipe; with
    /// <paramref name="input"/> its stdin is a pipe the child's wait loop writes those bytes into and then closes,
    /// otherwise stdin is closed at once.
    /// </summary>
    /// <exception cref="SpawnException">The program could not be found or started; nothing is left running.</exception>
    public static SpawnedChild Start(IReadOnlyList<string> argv, string directory, IReadOnlyDictionary<string, string>? environment, int stdoutFile = -1, byte[]? input = null)
    {
        var executable = ProgramPath.Resolve(argv[0])
            ?? throw new SpawnException($"program '{argv[0]}' was not found (searched the engine's folder, its working folder and PATH)", 2);
        var feed = input is { Length: > 0 };
        var stdin = Pipe();
        var stdout = stdoutFile >= 0 ? new[] { -1, -1 } : Pipe();
        var stderr = Pipe();
        int[] parentEnds = [stdin[1], stdout[0], stderr[0]];
        int[] childEnds = [stdin[0], stdoutFile >= 0 ? stdoutFile : stdout[1], stderr[1]];
        var started = false;
        try
        {
            if (childEnds.Concat(parentEnds).Any(fd => fd is >= 0 and <= 2))
            {
                // A standard descriptor of the engine itself is closed, so a pipe got its number; dup2 onto the same
                // number would keep close-on-exec set. Leave such a setup to Process.
                throw new SpawnException("the engine's standard streams are not all open", 9, fallBack: true);
            }

            var pid = Spawn(executable, argv, directory, environment, childEnds);
            started = true;
            CloseOurs(stdin[0], stdout[1], stderr[1]);
            if (!feed)
            {
                close(stdin[1]); // the program reads end-of-file at once, as with Process and no input
            }
            else if (!NonBlocking(stdin[1]))
            {
                close(stdin[1]); // cannot feed it without risking a hang; it reads end-of-file instead
                feed = false;
            }

            var pidfd = (int)syscall(SYS_pidfd_open, pid, 0);
            if (pidfd < 0)
            {
                var errno = Marshal.GetLastPInvokeError();
                kill(pid, 9);
                waitpid(pid, out _, 0);
                CloseOurs(stdout[0], stderr[0], feed ? stdin[1] : -1);
                throw new SpawnException($"pidfd_open failed: {Marshal.GetPInvokeErrorMessage(errno)}", errno);
            }

            return new SpawnedChild(pid, pidfd, stdout[0], stderr[0], feed ? stdin[1] : -1, feed ? input : null);
        }
        catch when (!started)
        {
            CloseOurs(stdin[0], stdin[1], stdout[0], stdout[1], stderr[0], stderr[1]);
            throw;
        }
    }

    /// <summary>Closes the pipe ends given (-1: none; the caller's stdout file is never among them).</summary>
    private static void CloseOurs(params int[] fds)
    {
        foreach (var fd in fds)
        {
            if (fd >= 0)
            {
                close(fd);
            }
        }
    }

    private static bool NonBlocking(int fd)
    {
        var flags = fcntl(fd, F_GETFL, 0);
        return flags >= 0 && fcntl(fd, F_SETFL, flags | O_NONBLOCK) == 0;
    }

    private static int Spawn(string executable, IReadOnlyList<string> argv, string directory, IReadOnlyDictionary<string, string>? environment, int[] childEnds)
    {
        var strings = new List<IntPtr>();
        var actions = Marshal.AllocHGlobal(FileActionsSize);
        var attributes = Marshal.AllocHGlobal(AttributesSize);
        var signals = Marshal.AllocHGlobal(SigsetSize);
        var actionsReady = false;
        var attributesReady = false;
        try
        {
            Check(posix_spawn_file_actions_init(actions), "posix_spawn_file_actions_init");
            actionsReady = true;
            for (var target = 0; target < 3; target++)
            {
                Check(posix_spawn_file_actions_adddup2(actions, childEnds[target], target), "posix_spawn_file_actions_adddup2");
            }

            Check(posix_spawn_file_actions_addchdir_np(actions, directory), "posix_spawn_file_actions_addchdir_np");
            Check(posix_spawnattr_init(attributes), "posix_spawnattr_init");
            attributesReady = true;

            // Signals ignored in the engine stay ignored in the program (nohup's SIGHUP must reach it), like Process does,
            // with two exceptions. SIGPIPE: the .NET runtime ignores it for itself, and Process passes that on, so that
            // `yes | head` in a shell step complains of a broken pipe instead of ending quietly; here the program gets
            // the default back, as CPython's subprocess and Rust's Command also arrange. glibc's own signals 32 and 33,
            // which posix_spawn would otherwise leave ignored in the child: default, as under Process. The mask is
            // empty. (glibc sigset_t: bit n-1 of the first 64-bit word is signal n; sigaddset refuses 32 and 33.)
            var setToDefault = (1L << (SIGPIPE - 1)) | (1L << (32 - 1)) | (1L << (33 - 1));
            for (var offset = 0; offset < SigsetSize; offset += 8)
            {
                Marshal.WriteInt64(signals, offset, offset == 0 ? setToDefault : 0);
            }

            Check(posix_spawnattr_setsigdefault(attributes, signals), "posix_spawnattr_setsigdefault");
            Marshal.WriteInt64(signals, 0, 0);
            Check(posix_spawnattr_setsigmask(attributes, signals), "posix_spawnattr_setsigmask");
            Check(posix_spawnattr_setflags(attributes, POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK), "posix_spawnattr_setflags");

            var argvBlock = Strings(argv, strings);
            var envBlock = Strings(Environment(environment), strings);
            var result = posix_spawn(out var pid, executable, actions, attributes, argvBlock, envBlock);
            if (result != 0)
            {
                throw new SpawnException($"{Marshal.GetPInvokeErrorMessage(result)} (starting {executable} in {directory})", result);
            }

            return pid;
        }
        finally
        {
            if (attributesReady)
            {
                posix_spawnattr_destroy(attributes);
            }

            if (actionsReady)
            {
                posix_spawn_file_actions_destroy(actions);
            }

            Marshal.FreeHGlobal(signals);
            Marshal.FreeHGlobal(attributes);
            Marshal.FreeHGlobal(actions);
            foreach (var pointer in strings)
            {
                Marshal.FreeHGlobal(pointer);
            }
        }
    }

    /// <summary>The engine's environment with the step's entries on top, as Process builds it.</summary>
    private static List<string> Environment(IReadOnlyDictionary<string, string>? overrides)
    {
        var merged = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (System.Collections.DictionaryEntry entry in System.Environment.GetEnvironmentVariables())
        {
            merged[(string)entry.Key] = (string?)entry.Value ?? string.Empty;
        }

        foreach (var (name, value) in overrides ?? new Dictionary<string, string>())
        {
            merged[name] = value;
        }

        return merged.Select(kv => kv.Key + "=" + kv.Value).ToList();
    }

    /// <summary>A NULL-terminated array of NUL-terminated UTF-8 strings; every allocation goes to <paramref name="owned"/>.</summary>
    private static IntPtr[] Strings(IReadOnlyList<string> values, List<IntPtr> owned)
    {
        var block = new IntPtr[values.Count + 1];
        for (var i = 0; i < values.Count; i++)
        {
            var bytes = Encoding.UTF8.GetBytes(values[i] + "\0");
            var pointer = Marshal.AllocHGlobal(bytes.Length);
            owned.Add(pointer);
            Marshal.Copy(bytes, 0, pointer, bytes.Length);
            block[i] = pointer;
        }

        return block;
    }

    /// <summary>A pipe whose both ends close on exec.</summary>
    internal static int[] Pipe()
    {
        var fds = new int[2];
        if (pipe2(fds, O_CLOEXEC) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            throw new SpawnException($"pipe2 failed: {Marshal.GetPInvokeErrorMessage(errno)}", errno);
        }

        return fds;
    }

    private static void Check(int result, string call)
    {
        if (result != 0)
        {
            throw new SpawnException($"{call} failed: {Marshal.GetPInvokeErrorMessage(result)}", result);
        }
    }

    private static bool Probe()
    {
        if (!OperatingSystem.IsLinux() || RuntimeInformation.ProcessArchitecture is not (Architecture.X64 or Architecture.Arm64))
        {
            return false;
        }

        try
        {
            if (!NativeLibrary.TryLoad(Library + ".so.6", out var handle)
                || !NativeLibrary.TryGetExport(handle, "posix_spawn_file_actions_addchdir_np", out _))
            {
                return false; // musl before 1.1.24 or glibc before 2.29
            }

            var self = (int)syscall(SYS_pidfd_open, System.Environment.ProcessId, 0);
            if (self < 0)
            {
                return false; // a kernel before 5.3, or a seccomp policy that forbids it
            }

            close(self);
            return true;
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

#pragma warning disable SYSLIB1054 // DllImport: LibraryImport's generator needs unsafe code enabled project-wide
    [DllImport(Library, SetLastError = true)]
    private static extern int pipe2(int[] fds, int flags);

    [DllImport(Library)]
    private static extern int posix_spawn_file_actions_init(IntPtr actions);

    [DllImport(Library)]
    private static extern int posix_spawn_file_actions_destroy(IntPtr actions);

    [DllImport(Library)]
    private static extern int posix_spawn_file_actions_adddup2(IntPtr actions, int fd, int newFd);

    [DllImport(Library)]
    private static extern int posix_spawn_file_actions_addchdir_np(IntPtr actions, [MarshalAs(UnmanagedType.LPUTF8Str)] string path);

    [DllImport(Library)]
    private static extern int posix_spawnattr_init(IntPtr attributes);

    [DllImport(Library)]
    private static extern int posix_spawnattr_destroy(IntPtr attributes);

    [DllImport(Library)]
    private static extern int posix_spawnattr_setflags(IntPtr attributes, short flags);

    [DllImport(Library)]
    private static extern int posix_spawnattr_setsigdefault(IntPtr attributes, IntPtr signals);

    [DllImport(Library)]
    private static extern int posix_spawnattr_setsigmask(IntPtr attributes, IntPtr signals);

    [DllImport(Library)]
    private static extern int posix_spawn(out int pid, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, IntPtr actions, IntPtr attributes, IntPtr[] argv, IntPtr[] envp);

    [DllImport(Library, SetLastError = true)]
    private static extern nint syscall(nint number, int pid, uint flags);

    [DllImport(Library, SetLastError = true)]
    internal static extern int kill(int pid, int signal);

    [DllImport(Library, SetLastError = true)]
    internal static extern int waitpid(int pid, out int status, int options);

    [DllImport(Library, SetLastError = true)]
    internal static extern int poll([In, Out] PollFd[] fds, nuint count, int timeoutMs);

    [DllImport(Library, SetLastError = true)]
    internal static extern nint write(int fd, byte[] buffer, nint count);

    [DllImport(Library, SetLastError = true)]
    internal static extern nint write(int fd, ref byte buffer, nint count);

    [DllImport(Library, SetLastError = true)]
    private static extern int fcntl(int fd, int command, int argument);
#pragma warning restore SYSLIB1054

    [StructLayout(LayoutKind.Sequential)]
    internal struct PollFd
    {
        public int Fd;
        public short Events;
        public short Revents;
    }
}

/// <summary>A program could not be started. <see cref="FallBack"/>: not the program's fault; Process may manage.</summary>
internal sealed class SpawnException(string message, int errno, bool fallBack = false) : Exception(message)
{
    public int Errno { get; } = errno;

    public bool FallBack { get; } = fallBack;
}
