using System.Runtime.InteropServices;

namespace DevKafka;

/// <summary>
/// Starts native threads on which no signal handler ever runs. librdkafka does so for the threads of its client handles
/// but not for the mock cluster's: a handler run on that thread interrupts its poll, and the cluster thread takes the
/// EINTR for a failure and ends ("Mock cluster failed to poll … Interrupted system call"), every broker with it while
/// the process lives on (confluentinc/librdkafka#4727, open). .NET handles SIGCONT, so a DevKafka stopped and continued (Ctrl+Z and <c>fg</c>, a debugger, a
/// frozen-host test) lost its cluster whenever the kernel picked that thread for the handler.
/// </summary>
/// <remarks>
/// A new thread starts with its creator's signal mask, so the creating thread blocks every signal while the native call
/// runs and restores its mask after. A blocked SIGCONT still continues the process. Linux only (glibc's 1,024-bit
/// <c>sigset_t</c>); elsewhere the call runs as it is.
/// </remarks>
internal static partial class SignalFreeThreads
{
    private const string Libc = "libc";
    private const int SigSetMask = 2;
    private const int SigSetBytes = 128;

    /// <summary>Runs <paramref name="startsThreads"/> (a native call that starts threads) with every signal blocked.</summary>
    /// <exception cref="InvalidOperationException">The signal mask could not be set.</exception>
    public static T Run<T>(Func<T> startsThreads)
    {
        if (!OperatingSystem.IsLinux())
        {
            return startsThreads();
        }
        var all = new byte[SigSetBytes];
        var previous = new byte[SigSetBytes];
        SigFillSet(all);
        // pthread_sigmask returns the error number rather than setting errno.
        var error = PthreadSigmask(SigSetMask, all, previous);
        if (error != 0)
        {
            throw new InvalidOperationException($"DevKafka could not block signals for librdkafka's mock cluster thread: pthread_sigmask: {Marshal.GetPInvokeErrorMessage(error)}.");
        }
        try
        {
            return startsThreads();
        }
        finally
        {
            PthreadSigmask(SigSetMask, previous, null);
        }
    }

    [LibraryImport(Libc, EntryPoint = "sigfillset")]
    private static partial int SigFillSet(byte[] set);

    [LibraryImport(Libc, EntryPoint = "pthread_sigmask")]
    private static partial int PthreadSigmask(int how, byte[] set, byte[]? previous);
}
