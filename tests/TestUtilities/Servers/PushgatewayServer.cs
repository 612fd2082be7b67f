using System.Globalization;

namespace Monitoring.TestUtilities;

/// <summary>
/// A real prometheus-pushgateway on a free loopback port, with its own state folder. Can be killed and
/// started again on the same port, as a replica that crashes and comes back. Several can share one port on different
/// loopback addresses (127.0.0.2, 127.0.0.3, …), as the pods behind a Kubernetes headless service do.
/// </summary>
public sealed class PushgatewayServer : IAsyncDisposable
{
    private const string Executable = "/usr/bin/prometheus-pushgateway";
    private readonly TestDirectory _directory = new("pushgateway");
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(5) };
    private ChildProcess? _process;

    /// <param name="name">A name for failure messages.</param>
    /// <param name="address">The loopback address to listen on; default 127.0.0.1.</param>
    /// <param name="port">The port; default a free one.</param>
    public PushgatewayServer(string name, string address = "127.0.0.1", int? port = null)
    {
        Name = name;
        Address = address;
        Port = port ?? FreePort.Next();
    }

    public string Name { get; }

    public string Address { get; }

    public int Port { get; }

    public string Url => $"http://{Address}:{Port.ToString(CultureInfo.InvariantCulture)}";

    public bool IsRunning => _process is { HasExited: false };

    public static async Task<PushgatewayServer> StartNewAsync(string name)
    {
        var server = new PushgatewayServer(name);
        await server.StartAsync();
        return server;
    }

    /// <summary>Starts the process (persistence off, so a restarted one starts empty) and waits until it is ready.</summary>
    public async Task StartAsync()
    {
        if (IsRunning)
        {
            return;
        }
        // Debian's build defaults to a shared /var/lib/prometheus/pushgateway.data; an empty value keeps every
        // test server's state in its own memory, so a restarted one starts empty.
        _process = await ChildProcess.StartAsync(Name, Executable,
        [
            $"--web.listen-address={Address}:{Port.ToString(CultureInfo.InvariantCulture)}",
            "--persistence.file=",
            "--log.level=warn",
        ], _directory.Path);
        try
        {
            await Eventually.TrueAsync(
                async () => !_process.HasExited && (await _http.GetAsync(Url + "/-/ready")).IsSuccessStatusCode,
                TimeSpan.FromSeconds(20), $"{Name} on port {Port} to be ready");
        }
        catch (TimeoutException ex)
        {
            throw new InvalidOperationException($"{ex.Message}\n{_process.RecentOutput}", ex);
        }
    }

    /// <summary>Kills the process at once (SIGKILL), as a crash would.</summary>
    public async Task KillAsync()
    {
        if (_process is not null)
        {
            await _process.KillAsync();
            await _process.DisposeAsync();
            _process = null;
        }
    }

    public async Task StopAsync()
    {
        if (_process is not null)
        {
            await _process.DisposeAsync();
            _process = null;
        }
    }

    /// <summary>The exposition text the Pushgateway serves on /metrics.</summary>
    public Task<string> GetMetricsTextAsync() => _http.GetStringAsync(Url + "/metrics");

    /// <summary>The sample lines of <paramref name="metric"/> whose labels contain <c>job="<paramref name="job"/>"</c>.</summary>
    public async Task<IReadOnlyList<string>> GetSamplesAsync(string metric, string job)
    {
        var text = await GetMetricsTextAsync();
        return [.. text.Split('\n').Where(l => l.StartsWith(metric + "{", StringComparison.Ordinal) && l.Contains($"job=\"{job}\"", StringComparison.Ordinal))];
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _http.Dispose();
        _directory.Dispose();
    }

    public override string ToString() => $"{Name} at {Url}";
}
