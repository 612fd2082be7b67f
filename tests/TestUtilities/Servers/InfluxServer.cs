using System.Globalization;
using System.Text.Json;
using Monitoring.Hosting.InfluxDb;

namespace Monitoring.TestUtilities;

/// <summary>
/// A real influxd 1.x on free loopback ports with generated config and data folders; stoppable and restartable on
/// the same port and data, so tests can take the server away and bring it back. Free of xunit: benchmarks use it too.
/// </summary>
public sealed class InfluxServer : IAsyncDisposable
{
    private const string Executable = "/usr/bin/influxd";
    private readonly TestDirectory _directory;
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };
    private ChildProcess? _process;

    public InfluxServer(string name = "influxd")
    {
        _directory = new TestDirectory(name);
        HttpPort = FreePort.Next();
        RpcPort = FreePort.Next();
    }

    public int HttpPort { get; }

    public int RpcPort { get; }

    public string Url => $"http://127.0.0.1:{HttpPort}";

    public string RecentOutput => _process?.RecentOutput ?? "";

    public async Task StartAsync()
    {
        var config = Path.Combine(_directory.Path, "influxdb.conf");
        await File.WriteAllTextAsync(config, InfluxDbConfig.Text);
        _process = await ChildProcess.StartAsync("influxd", Executable, ["run", "-config", config], _directory.Path,
        [
            new("INFLUXDB_HTTP_BIND_ADDRESS", string.Create(CultureInfo.InvariantCulture, $"127.0.0.1:{HttpPort}")),
            new("INFLUXDB_BIND_ADDRESS", string.Create(CultureInfo.InvariantCulture, $"127.0.0.1:{RpcPort}")),
            new("INFLUXDB_META_DIR", Path.Combine(_directory.Path, "meta")),
            new("INFLUXDB_DATA_DIR", Path.Combine(_directory.Path, "data")),
            new("INFLUXDB_DATA_WAL_DIR", Path.Combine(_directory.Path, "wal")),
        ]);
        try
        {
            await Eventually.TrueAsync(async () =>
            {
                if (_process.HasExited)
                {
                    throw new InvalidOperationException($"influxd exited:\n{_process.RecentOutput}");
                }
                using var response = await _http.GetAsync(new Uri($"{Url}/ping"));
                return response.IsSuccessStatusCode;
            }, TimeSpan.FromSeconds(30), $"influxd to answer /ping on {Url}");
        }
        catch
        {
            await StopAsync();
            throw;
        }
    }

    public async Task StopAsync()
    {
        if (_process is not null)
        {
            await _process.StopAsync(TimeSpan.FromSeconds(10));
            await _process.DisposeAsync();
            _process = null;
        }
    }

    public async Task CreateDatabaseAsync(string database)
    {
        using var content = new FormUrlEncodedContent([new("q", $"CREATE DATABASE \"{database}\"")]);
        using var response = await _http.PostAsync(new Uri($"{Url}/query"), content);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Runs a query with nanosecond epochs; returns each row as column name → value (strings as text, numbers as JSON text), nulls left out.</summary>
    public async Task<List<Dictionary<string, string>>> QueryAsync(string database, string query)
    {
        var url = $"{Url}/query?db={Uri.EscapeDataString(database)}&epoch=ns&q={Uri.EscapeDataString(query)}";
        var body = await _http.GetStringAsync(new Uri(url));
        using var json = JsonDocument.Parse(body);
        var rows = new List<Dictionary<string, string>>();
        var result = json.RootElement.GetProperty("results")[0];
        if (result.TryGetProperty("error", out var error))
        {
            throw new InvalidOperationException($"influxd query failed: {error.GetString()}");
        }
        if (!result.TryGetProperty("series", out var series))
        {
            return rows;
        }
        foreach (var serie in series.EnumerateArray())
        {
            var columns = serie.GetProperty("columns").EnumerateArray().Select(c => c.GetString()!).ToArray();
            foreach (var values in serie.GetProperty("values").EnumerateArray())
            {
                var row = new Dictionary<string, string>();
                var i = 0;
                foreach (var value in values.EnumerateArray())
                {
                    if (value.ValueKind != JsonValueKind.Null)
                    {
                        row[columns[i]] = value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();
                    }
                    i++;
                }
                rows.Add(row);
            }
        }
        return rows;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _http.Dispose();
        _directory.Dispose();
    }
}
