using System.Diagnostics;

namespace Monitoring.TestUtilities;

/// <summary>
/// The AppHost run as `dotnet MonitoringStack.AppHost.dll` with the http launch profile's settings, under
/// `setpriv --pdeathsig KILL` forked from a dedicated thread that lives as long as it, so a test host that dies takes the
/// AppHost along (and DCP then stops its servers).
/// </summary>
public sealed class AppHostProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly List<string> _lines = [];

    private static readonly (string Name, string Value)[] LaunchProfile =
    [
        ("DOTNET_ENVIRONMENT", "Development"),
        ("ASPNETCORE_URLS", "http://127.0.0.1:0"),
        ("ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL", "http://127.0.0.1:0"),
        ("ASPIRE_RESOURCE_SERVICE_ENDPOINT_URL", "http://127.0.0.1:0"),
        ("ASPIRE_ALLOW_UNSECURED_TRANSPORT", "true"),
    ];

    // env --default-signal=INT: a shell that starts a job in the background (CI, `./test.sh &`) passes SIGINT on as
    // ignored, and .NET keeps it ignored; a terminal's Ctrl+C reaches a process whose SIGINT is the default.
    private static readonly string[] DieWithParent = ["--pdeathsig", "KILL", "--", "env", "--default-signal=INT"];

    private AppHostProcess(Process process) => _process = process;

    public int Id => _process.Id;

    /// <param name="command">The command that runs it; default <c>dotnet MonitoringStack.AppHost.dll</c> from this output folder.</param>
    /// <param name="environment">Variables to set on top of the launch profile's; a null value removes the variable.</param>
    public static async Task<AppHostProcess> StartAsync(IReadOnlyList<string>? command = null, IReadOnlyDictionary<string, string?>? environment = null)
    {
        command ??= [Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet", Path.Combine(AppContext.BaseDirectory, "MonitoringStack.AppHost.dll")];
        var startInfo = new ProcessStartInfo("setpriv") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var (name, value) in LaunchProfile)
        {
            startInfo.Environment[name] = value;
        }
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                startInfo.Environment.Remove(name);
            }
            else
            {
                startInfo.Environment[name] = value;
            }
        }
        foreach (var arg in DieWithParent.Concat(command))
        {
            startInfo.ArgumentList.Add(arg);
        }
        var started = new TaskCompletionSource<Process>(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                var process = Process.Start(startInfo)!;
                started.SetResult(process);
                process.WaitForExit();
            }
            catch (Exception ex)
            {
                started.SetException(ex);
            }
        }) { IsBackground = true, Name = "apphost-owner" };
        thread.Start();
        var appHost = new AppHostProcess(await started.Task);
        appHost._process.OutputDataReceived += (_, e) => appHost.Keep(e.Data);
        appHost._process.ErrorDataReceived += (_, e) => appHost.Keep(e.Data);
        appHost._process.BeginOutputReadLine();
        appHost._process.BeginErrorReadLine();
        return appHost;
    }

    public async Task WaitForLineAsync(string text, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            lock (_lines)
            {
                if (_lines.Any(l => l.Contains(text, StringComparison.Ordinal)))
                {
                    return;
                }
            }
            if (_process.HasExited)
            {
                break;
            }
            await Task.Delay(100);
        }
        lock (_lines)
        {
            throw new TimeoutException($"The AppHost did not print '{text}' within {timeout}:\n{string.Join('\n', _lines)}");
        }
    }

    /// <summary>The first line printed so far that contains <paramref name="text"/>, or null.</summary>
    public string? Line(string text)
    {
        lock (_lines)
        {
            return _lines.Find(l => l.Contains(text, StringComparison.Ordinal));
        }
    }

    /// <summary>
    /// The startup summary's table, one line per resource (name, state, time, URLs), once <c>Cold start:</c> was printed:
    /// the lines after it that the console logger indents.
    /// </summary>
    public IReadOnlyList<string> SummaryTable()
    {
        lock (_lines)
        {
            var start = _lines.FindIndex(l => l.Contains("Cold start:", StringComparison.Ordinal));
            return start < 0 ? [] : [.. _lines.Skip(start + 1).TakeWhile(l => l.StartsWith("  ", StringComparison.Ordinal)).Select(l => l.Trim())];
        }
    }

    /// <summary>SIGKILL: what a crash or `kill -9` does; the AppHost gets no chance to stop its servers.</summary>
    public void Kill() => _process.Kill();

    /// <summary>SIGINT: what Ctrl+C in the terminal sends.</summary>
    public void Interrupt() => ProcessTree.Interrupt(_process.Id);

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }
        await _process.WaitForExitAsync();
        _process.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is not null)
        {
            lock (_lines)
            {
                _lines.Add(line);
            }
        }
    }
}
