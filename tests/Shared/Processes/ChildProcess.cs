using System.Diagnostics;

namespace Monitoring.Tests.Processes;

/// <summary>A started server process: its lines go to a callback; stopped with SIGTERM, then SIGKILL after a timeout.</summary>
internal sealed class ChildProcess : IDisposable
{
    private readonly Process _process;

    private ChildProcess(Process process) => _process = process;

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public static async Task<ChildProcess> StartAsync(string command, IEnumerable<string> args,
        IEnumerable<KeyValuePair<string, string>> environment, string workingDirectory, Action<bool, string> onLine)
    {
        var startInfo = new ProcessStartInfo("setpriv")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        // setpriv execs the program in place, so the pid we hold is the server's own.
        foreach (var arg in new[] { "--pdeathsig", "TERM", "--", command }.Concat(args))
        {
            startInfo.ArgumentList.Add(arg);
        }
        foreach (var (key, value) in environment)
        {
            startInfo.Environment[key] = value;
        }
        var process = await ProcessSpawner.StartAsync(startInfo).ConfigureAwait(false);
        process.OutputDataReceived += (_, e) => Forward(false, e.Data);
        process.ErrorDataReceived += (_, e) => Forward(true, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new ChildProcess(process);

        void Forward(bool isError, string? line)
        {
            if (line is not null)
            {
                onLine(isError, line);
            }
        }
    }

    public Task WaitForExitAsync(CancellationToken cancellationToken = default) => _process.WaitForExitAsync(cancellationToken);

    /// <summary>SIGTERM, then SIGKILL if the process has not exited within <paramref name="timeout"/>.</summary>
    public async Task StopAsync(TimeSpan timeout)
    {
        if (_process.HasExited)
        {
            return;
        }
        Signals.Send(_process.Id, Signals.SigTerm);
        using var wait = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(wait.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }

    public void Dispose() => _process.Dispose();
}
