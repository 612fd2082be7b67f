using System.Collections.Concurrent;
using System.Diagnostics;

namespace Monitoring.TestUtilities;

/// <summary>
/// Forks every child from one thread that lives as long as the host. Children run under
/// <c>setpriv --pdeathsig TERM</c>, and Linux sends that signal when the THREAD that forked them ends, not the
/// process: forking from pool threads, which retire, would kill servers at random. One long-lived thread makes
/// the signal mean "the AppHost died", even by SIGKILL.
/// </summary>
public static class ProcessSpawner
{
    private static readonly BlockingCollection<(ProcessStartInfo StartInfo, TaskCompletionSource<Process> Started)> Requests = [];

    static ProcessSpawner()
    {
        var thread = new Thread(Run) { IsBackground = true, Name = "hosting-process-spawner" };
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
                var process = new Process { StartInfo = startInfo, EnableRaisingEvents = true };
                process.Start();
                started.SetResult(process);
            }
            catch (Exception ex)
            {
                started.SetException(ex);
            }
        }
    }
}
