using Monitoring.Tests.Processes;
using EngineProcess = Monitoring.Tests.Processes.ChildProcess;

namespace Monitoring.Lib.Tests.Fixtures;

/// <summary>
/// A server process owned by a test fixture, started and stopped exactly as the AppHost does (the engine's
/// <see cref="EngineProcess"/>: setpriv --pdeathsig from one long-lived thread, SIGTERM then SIGKILL), plus what
/// tests need on top: a name, the recent output for failure messages, and a kill that acts like a crash.
/// </summary>
internal sealed class ChildProcess : IAsyncDisposable
{
    private const int MaxOutputLines = 400;
    private readonly Queue<string> _output = new();
    private EngineProcess _process = null!;

    private ChildProcess(string name) => Name = name;

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
        if (!File.Exists(executable))
        {
            throw new InvalidOperationException(
                $"{executable} is not installed. Run eng/install-prerequisites.sh (it installs the Debian package that provides it).");
        }
        var child = new ChildProcess(name);
        child._process = await EngineProcess.StartAsync(executable, arguments, environment ?? [], workingDirectory, (_, line) => child.Keep(line));
        return child;
    }

    /// <summary>Asks the process to stop (SIGTERM) and kills it if it has not exited within <paramref name="timeout"/>.</summary>
    public Task StopAsync(TimeSpan timeout) => _process.StopAsync(timeout);

    /// <summary>Waits for the process to exit by itself; false if it is still running after <paramref name="timeout"/>.</summary>
    public async Task<bool> WaitForExitAsync(TimeSpan timeout)
    {
        using var wait = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(wait.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>Kills the process at once (SIGKILL), as a crash would.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            Signals.Send(_process.Id, Signals.SigKill);
        }
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(TimeSpan.FromSeconds(10));
        _process.Dispose();
    }

    public override string ToString() => $"{Name} (pid {_process.Id})";

    private void Keep(string line)
    {
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
