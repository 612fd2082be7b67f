using System.Runtime.InteropServices;

namespace Monitoring.TestUtilities;

/// <summary>POSIX signals: .NET's Process.Kill only sends SIGKILL, and a graceful stop needs SIGTERM.</summary>
public static partial class Signals
{
    public const int SigTerm = 15;

    public const int SigKill = 9;

    /// <summary>Freezes a process where it stands, as a host that hangs would (it cannot catch this).</summary>
    public const int SigStop = 19;

    public const int SigCont = 18;

    /// <summary>Sends <paramref name="signal"/> to <paramref name="pid"/>; false when the process is gone.</summary>
    public static bool Send(int pid, int signal) => Kill(pid, signal) == 0;

    /// <summary>
    /// Sends <paramref name="signal"/> to one thread of <paramref name="pid"/> (its handler, if any, runs on that thread);
    /// false when the thread is gone.
    /// </summary>
    public static bool SendToThread(int pid, int threadId, int signal) => ThreadKill(pid, threadId, signal) == 0;

    /// <summary>The ids of <paramref name="pid"/>'s threads named <paramref name="name"/> (Linux' <c>/proc/PID/task/TID/comm</c>).</summary>
    public static IReadOnlyList<int> ThreadsNamed(int pid, string name) =>
        [.. Directory.EnumerateDirectories($"/proc/{pid}/task")
            .Where(task => File.Exists(Path.Combine(task, "comm")) && File.ReadAllText(Path.Combine(task, "comm")).TrimEnd('\n') == name)
            .Select(task => int.Parse(Path.GetFileName(task), System.Globalization.CultureInfo.InvariantCulture))];

    [LibraryImport("libc", EntryPoint = "tgkill", SetLastError = true)]
    private static partial int ThreadKill(int pid, int threadId, int signal);

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
