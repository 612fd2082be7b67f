using System.Globalization;
using System.Text.Json;

namespace Monitoring.TestUtilities;

/// <summary>
/// A real Prometheus scraping the given targets every second with <c>honor_labels: true</c>, as it scrapes
/// a metrics cache, with its storage in its own state folder.
/// </summary>
public sealed class PrometheusServer : IAsyncDisposable
{
    private const string Executable = "/usr/bin/prometheus";
    private readonly TestDirectory _directory = new("prometheus");
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(5) };
    private ChildProcess? _process;

    public int Port { get; } = FreePort.Next();

    public string Url => $"http://127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}";

    public static async Task<PrometheusServer> StartNewAsync(IEnumerable<string> targets)
    {
        var server = new PrometheusServer();
        await server.StartAsync(targets);
        return server;
    }

    public async Task StartAsync(IEnumerable<string> targets)
    {
        var config = Path.Combine(_directory.Path, "prometheus.yml");
        var list = string.Join(", ", targets.Select(t => $"'{t}'"));
        await File.WriteAllTextAsync(config, $"""
            global:
              scrape_interval: 1s
              evaluation_interval: 1s
            scrape_configs:
              - job_name: metrics-cache
                honor_labels: true
                static_configs:
                  - targets: [{list}]
            """);
        _process = await ChildProcess.StartAsync("prometheus", Executable,
        [
            $"--config.file={config}",
            $"--storage.tsdb.path={_directory.Sub("data")}",
            $"--web.listen-address=127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}",
            "--log.level=warn",
        ], _directory.Path);
        try
        {
            await Eventually.TrueAsync(
                async () => !_process.HasExited && (await _http.GetAsync(Url + "/-/ready")).IsSuccessStatusCode,
                TimeSpan.FromSeconds(30), $"prometheus on port {Port} to be ready");
        }
        catch (TimeoutException ex)
        {
            throw new InvalidOperationException($"{ex.Message}\n{_process.RecentOutput}", ex);
        }
    }

    /// <summary>Runs an instant query; returns each result's labels and value.</summary>
    public async Task<IReadOnlyList<(Dictionary<string, string> Labels, string Value)>> QueryAsync(string promQl)
    {
        var json = await _http.GetStringAsync(Url + "/api/v1/query?query=" + Uri.EscapeDataString(promQl));
        using var document = JsonDocument.Parse(json);
        var results = new List<(Dictionary<string, string>, string)>();
        foreach (var item in document.RootElement.GetProperty("data").GetProperty("result").EnumerateArray())
        {
            var labels = item.GetProperty("metric").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString() ?? "");
            results.Add((labels, item.GetProperty("value")[1].GetString() ?? ""));
        }
        return results;
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is not null)
        {
            await _process.DisposeAsync();
            _process = null;
        }
        _http.Dispose();
        _directory.Dispose();
    }
}
