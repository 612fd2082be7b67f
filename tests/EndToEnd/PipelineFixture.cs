using System.Text.Json;
using Monitoring.AppHost;
using Monitoring.Hosting;
using Monitoring.Hosting.Servers;
using Monitoring.Hosting.Testing;
using Monitoring.Lib.Kafka;

namespace Monitoring.EndToEnd;

/// <summary>The template's app model with both samples, started once for the whole collection.</summary>
public sealed class PipelineFixture : IAsyncLifetime
{
    public const string ApiKey = "e2e-forms-api-key-0123456789";
    public const string Database = "monitoring";
    private static readonly string[] Resources = ["kafka", "redis", "influxdb", "metrics-cache", "prometheus", "sample-consumer", "sample-web-producer"];

    public DistributedApplication App { get; private set; } = null!;

    public string Bootstrap { get; private set; } = "";

    /// <summary>SampleWebProducer's front address (both replicas behind it).</summary>
    public HttpClient Producer { get; private set; } = null!;

    public HttpClient Prometheus { get; private set; } = null!;

    public HttpClient Influx { get; private set; } = null!;

    public Uri SocketUri(string accountId) =>
        new($"ws://{new Uri(App.GetFrontAddress("sample-web-producer").Url).Authority}/ws?account_id={Uri.EscapeDataString(accountId)}");

    public async ValueTask InitializeAsync()
    {
        KafkaNativeLibrary.EnsureLoaded();
        App = await DistributedApplicationTestingBuilder.CreateAsync(AppModel.Configure,
            "--Hosting:StopTimeout=00:00:05", $"--Parameters:forms-api-key={ApiKey}");
        await App.StartAsync();
        await Task.WhenAll(Resources.Select(name => App.WaitForResourceHealthyAsync(name, TimeSpan.FromSeconds(90))));
        Bootstrap = await App.GetConnectionStringAsync("kafka");
        Producer = new HttpClient { BaseAddress = new Uri(App.GetFrontAddress("sample-web-producer").Url), Timeout = TimeSpan.FromSeconds(30) };
        Prometheus = App.CreateHttpClient("prometheus");
        Influx = new HttpClient { BaseAddress = new Uri(((InfluxDbResource)App.Model.Get("influxdb")).Url), Timeout = TimeSpan.FromSeconds(10) };
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
    public async Task<double?> QueryPrometheusAsync(string promql)
    {
        var body = await Prometheus.GetStringAsync(new Uri($"/api/v1/query?query={Uri.EscapeDataString(promql)}", UriKind.Relative));
        using var json = JsonDocument.Parse(body);
        var result = json.RootElement.GetProperty("data").GetProperty("result");
        return result.GetArrayLength() == 0
            ? null
            : double.Parse(result[0].GetProperty("value")[1].GetString()!, System.Globalization.CultureInfo.InvariantCulture);
    }
}

[CollectionDefinition(Name)]
public sealed class PipelineGroup : ICollectionFixture<PipelineFixture>
{
    public const string Name = "The whole pipeline through the testing API";
}
