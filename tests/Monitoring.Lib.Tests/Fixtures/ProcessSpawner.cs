using System.Collections.Concurrent;
using System.Diagnostics;

namespace Monitoring.Lib.Tests.Fixtures;

/// <summary>
/// Starts child processes from one thread that lives as long as the test process.
/// </summary>
/// <remarks>
/// Children are started through <c>setpriv --pdeathsig TERM</c>, so the kernel sends them SIGTERM when their
/// parent dies, even by SIGKILL. Linux ties that signal to the thread that forked the child, not to the
/// process; a thread-pool thread that retires would take the servers with it. One long-lived spawning
/// thread avoids that.
/// </remarks>
internal static class ProcessSpawner
{
    private static readonly BlockingCollection<(ProcessStartInfo StartInfo, TaskCompletionSource<Process> Started)> Requests = [];

    static ProcessSpawner()
    {
        var thread = new Thread(Run) { IsBackground = true, Name = "process-spawner" };
        thread.Start();
    }

    public static Task<Process> StartAsync(ProcessStartInfo startInfo)
    {
        var started = new TaskCompletionSource<Process>(TaskCreationOptions.RunContinuationsAsynchronously);
        Requests.Add((startInfo, started));
        return started.Task;
    }

    private static void Run()
    {
        foreach (var (startInfo, started) in Requests.GetConsumingEnumerable())
        {
            try
            {
                var process = Process.Start(startInfo)
                    ?? throw new InvalidOperationException($"Process.Start returned null for {startInfo.FileName}");
                started.SetResult(process);
            }
            catch (Exception ex)
            {
                started.SetException(ex);
            }
        }
    }
}
