using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;

namespace MonitoringStack.EndToEnd;

/// <summary>The template's app model exactly as AppHost.cs defines it, with both samples, started once for the collection.</summary>
public sealed class PipelineFixture : IAsyncLifetime
{
    public const string ApiKey = "e2e-forms-api-key-0123456789";
    public const string Database = "monitoring";
    // The resource property the dashboard shows as the process id (Aspire's own name for it is internal).
    private const string ExecutablePid = "executable.pid";
    private static readonly string[] Resources =
        ["kafka", "redis", "influxdb", "metrics-cache-0", "metrics-cache-1", "metrics-cache", "prometheus", "sample-consumer", "sample-web-producer"];

    private IDistributedApplicationTestingBuilder? _builder;

    public DistributedApplication App { get; private set; } = null!;

    public string Bootstrap { get; private set; } = "";

    /// <summary>SampleWebProducer's address: Aspire's proxy in front of both replicas.</summary>
    public HttpClient Producer { get; private set; } = null!;

    public HttpClient Prometheus { get; private set; } = null!;

    public HttpClient Influx { get; private set; } = null!;

    public ResourceNotificationService Notifications => App.Services.GetRequiredService<ResourceNotificationService>();

    public ResourceCommandService Commands => App.Services.GetRequiredService<ResourceCommandService>();

    public Uri SocketUri(string accountId) =>
        new($"ws://{App.GetEndpoint("sample-web-producer", "http").Authority}/ws?account_id={Uri.EscapeDataString(accountId)}");

    public async ValueTask InitializeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        _builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.MonitoringStack_AppHost>([$"--Parameters:forms-api-key={ApiKey}"], timeout.Token);
        App = await _builder.BuildAsync(timeout.Token);
        await App.StartAsync(timeout.Token);
        await Task.WhenAll(Resources.Select(name => Notifications.WaitForResourceHealthyAsync(name, timeout.Token)));
        Bootstrap = await App.GetConnectionStringAsync("kafka", timeout.Token) ?? throw new InvalidOperationException("DevKafka has no bootstrap list.");
        Producer = App.CreateHttpClient("sample-web-producer", "http");
        Producer.Timeout = TimeSpan.FromSeconds(30);
        Prometheus = App.CreateHttpClient("prometheus", "http");
        Influx = App.CreateHttpClient("influxdb", "http");
    }

    public async ValueTask DisposeAsync()
    {
        Producer?.Dispose();
        Prometheus?.Dispose();
        Influx?.Dispose();
        if (App is not null)
        {
            await App.DisposeAsync();
        }
        if (_builder is not null)
        {
            await _builder.DisposeAsync();
        }
    }

    /// <summary>Runs a resource command (stop, start, restart, or one of the resource's own) and fails the test if it failed.</summary>
    public async Task CommandAsync(string resource, string command)
    {
        var result = await Commands.ExecuteCommandAsync(resource, command, CancellationToken.None);
        Assert.True(result.Success, $"{command} on {resource}: {result.Message}");
    }

    /// <summary>
    /// Waits (at most a minute) until <paramref name="name"/> has stopped: the stop command returns once the stop is
    /// asked for, and a start issued while the old process still holds its port fails.
    /// </summary>
    public async Task WaitStoppedAsync(string name)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await Notifications.WaitForResourceAsync(name, e => KnownResourceStates.TerminalStates.Contains(e.Snapshot.State?.Text), timeout.Token);
    }

    /// <summary>Waits (at most a minute) until <paramref name="name"/> is healthy again, and returns its snapshot.</summary>
    public async Task<CustomResourceSnapshot> WaitHealthyAsync(string name)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        try
        {
            // Through terminal states: right after a start command the snapshot can still be the stopped process's.
            return (await Notifications.WaitForResourceHealthyAsync(name, WaitBehavior.WaitOnResourceUnavailable, timeout.Token)).Snapshot;
        }
        catch (OperationCanceledException ex) when (timeout.IsCancellationRequested)
        {
            // "Not healthy" alone does not say why: the resource's own output does.
            throw new TimeoutException($"{name} was not healthy within a minute. Its last log lines:\n{string.Join('\n', await LogAsync(name, 30))}", ex);
        }
    }

    /// <summary>The process id of a running resource's process (the dashboard's <c>executable.pid</c>).</summary>
    public async Task<int> ProcessIdAsync(string name)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        var running = await Notifications.WaitForResourceAsync(name, e => e.Snapshot.State?.Text == KnownResourceStates.Running
            && e.Snapshot.Properties.Any(p => p.Name == ExecutablePid), timeout.Token);
        return Convert.ToInt32(running.Snapshot.Properties.Single(p => p.Name == ExecutablePid).Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// The last <paramref name="count"/> lines <paramref name="name"/> has logged that contain <paramref name="containing"/>
    /// (what the dashboard's console page shows, of every process the resource has run).
    /// </summary>
    public async Task<IReadOnlyList<string>> LogAsync(string name, int count, string containing = "")
    {
        var resource = App.Services.GetRequiredService<DistributedApplicationModel>().Resources.Single(r => r.Name == name);
        var lines = new Queue<string>();
        await foreach (var batch in App.Services.GetRequiredService<ResourceLoggerService>().GetAllAsync(resource))
        {
            foreach (var line in batch.Where(l => l.Content.Contains(containing, StringComparison.Ordinal)))
            {
                lines.Enqueue(line.Content);
                if (lines.Count > count)
                {
                    lines.Dequeue();
                }
            }
        }
        return [.. lines];
    }

    /// <summary>The rows of an InfluxQL query on the monitoring database, each as column → value text.</summary>
    public async Task<List<Dictionary<string, string>>> QueryInfluxAsync(string query)
    {
        var body = await Influx.GetStringAsync(new Uri($"/query?db={Database}&q={Uri.EscapeDataString(query)}", UriKind.Relative));
        using var json = JsonDocument.Parse(body);
        var rows = new List<Dictionary<string, string>>();
        if (!json.RootElement.GetProperty("results")[0].TryGetProperty("series", out var series))
        {
            return rows;
        }
        foreach (var serie in series.EnumerateArray())
        {
            var columns = serie.GetProperty("columns").EnumerateArray().Select(c => c.GetString()!).ToArray();
            foreach (var values in serie.GetProperty("values").EnumerateArray())
            {
                rows.Add(columns.Zip(values.EnumerateArray())
                    .Where(p => p.Second.ValueKind != JsonValueKind.Null)
                    .ToDictionary(p => p.First, p => p.Second.ValueKind == JsonValueKind.String ? p.Second.GetString()! : p.Second.GetRawText()));
            }
        }
        return rows;
    }

    /// <summary>The value of a PromQL instant query, or null when it has no result.</summary>
    public async Task<double?> QueryPrometheusAsync(string promql) => (await QueryPrometheusSeriesAsync(promql)).Select(s => (double?)s.Value).FirstOrDefault();

    /// <summary>Every series of a PromQL instant query: its labels and value.</summary>
    public async Task<List<(Dictionary<string, string> Labels, double Value)>> QueryPrometheusSeriesAsync(string promql)
    {
        var body = await Prometheus.GetStringAsync(new Uri($"/api/v1/query?query={Uri.EscapeDataString(promql)}", UriKind.Relative));
        using var json = JsonDocument.Parse(body);
        return [.. json.RootElement.GetProperty("data").GetProperty("result").EnumerateArray().Select(series => (
            series.GetProperty("metric").EnumerateObject().ToDictionary(l => l.Name, l => l.Value.GetString()!),
            double.Parse(series.GetProperty("value")[1].GetString()!, System.Globalization.CultureInfo.InvariantCulture)))];
    }
}

[CollectionDefinition(Name)]
public sealed class PipelineGroup : ICollectionFixture<PipelineFixture>
{
    public const string Name = "The whole pipeline through Aspire.Hosting.Testing";
}
