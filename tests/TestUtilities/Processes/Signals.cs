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

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
