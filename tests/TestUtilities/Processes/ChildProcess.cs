using System.Diagnostics;

namespace Monitoring.TestUtilities;

/// <summary>
/// A server process owned by a test fixture, started and stopped as the AppHost's hosting integrations do: under
/// <c>setpriv --pdeathsig TERM</c>, forked from one long-lived thread (<see cref="ProcessSpawner"/>), so it dies with
/// the test process even when that is killed; stopped with SIGTERM, then SIGKILL after a timeout. It keeps a name and
/// its recent output for failure messages, and can be killed at once, as a crash would.
/// </summary>
public sealed class ChildProcess : IAsyncDisposable
{
    private const int MaxOutputLines = 400;
    private readonly Queue<string> _output = new();
    private readonly Process _process;

    private ChildProcess(string name, Process process)
    {
        Name = name;
        _process = process;
    }

    public string Name { get; }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>The exit code once the process has exited (128 + signal number when a signal ended it).</summary>
    public int ExitCode => _process.ExitCode;

    /// <summary>The last lines the process wrote to stdout and stderr, for failure messages.</summary>
    public string RecentOutput
    {
        get
        {
            lock (_output)
            {
                return string.Join('\n', _output);
            }
        }
    }

    public static async Task<ChildProcess> StartAsync(string name, string executable, IEnumerable<string> arguments, string workingDirectory,
        IEnumerable<KeyValuePair<string, string>>? environment = null)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        if (!File.Exists(executable))
        {
            throw new InvalidOperationException(
                $"{executable} is not installed. Run eng/install-prerequisites.sh (it installs the Debian package that provides it).");
        }
        var startInfo = new ProcessStartInfo("setpriv")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        // setpriv execs the program in place, so the pid held here is the server's own.
        foreach (var argument in new[] { "--pdeathsig", "TERM", "--", executable }.Concat(arguments))
        {
            startInfo.ArgumentList.Add(argument);
        }
        foreach (var (key, value) in environment ?? [])
        {
            startInfo.Environment[key] = value;
        }
        var process = await ProcessSpawner.StartAsync(startInfo).ConfigureAwait(false);
        var child = new ChildProcess(name, process);
        process.OutputDataReceived += (_, e) => child.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => child.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>Asks the process to stop (SIGTERM) and kills it if it has not exited within <paramref name="timeout"/>.</summary>
    public async Task StopAsync(TimeSpan timeout)
    {
        if (_process.HasExited)
        {
            return;
        }
        // A suspended process acts on SIGTERM only once it runs again.
        Signals.Send(_process.Id, Signals.SigCont);
        Signals.Send(_process.Id, Signals.SigTerm);
        if (!await WaitForExitAsync(timeout).ConfigureAwait(false))
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <summary>Waits for the process to exit by itself; false if it is still running after <paramref name="timeout"/>.</summary>
    public async Task<bool> WaitForExitAsync(TimeSpan timeout)
    {
        using var wait = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(wait.Token).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>Freezes the process (SIGSTOP) until <see cref="Resume"/>: it keeps its sockets open and answers nothing.</summary>
    public void Suspend() => Signals.Send(_process.Id, Signals.SigStop);

    /// <summary>Lets a suspended process run on (SIGCONT).</summary>
    public void Resume() => Signals.Send(_process.Id, Signals.SigCont);

    /// <summary>Kills the process at once (SIGKILL), as a crash would.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            Signals.Send(_process.Id, Signals.SigKill);
        }
        await _process.WaitForExitAsync().ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        _process.Dispose();
    }

    public override string ToString() => $"{Name} (pid {_process.Id})";

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_output)
        {
            _output.Enqueue(line);
            if (_output.Count > MaxOutputLines)
            {
                _output.Dequeue();
            }
        }
    }
}
