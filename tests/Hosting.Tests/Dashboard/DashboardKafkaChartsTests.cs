using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Monitoring.Hosting.Dashboard;
using Monitoring.Hosting.Servers;
using Monitoring.Hosting.Testing;
using Monitoring.Lib.Tests.Fixtures;

namespace Monitoring.Hosting.Tests.Dashboard;

/// <summary>
/// The Kafka charts read real pushed metrics: a counter PUT to one metrics-cache replica is scraped by the real
/// Prometheus through the cache's front address and comes back through the dashboard as a per-app rate.
/// </summary>
public sealed class DashboardKafkaChartsTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Kafka_CounterPushedToTheCache_ConsumedChartShowsTheAppsRate()
    {
        var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        await using var app = await DistributedApplicationTestingBuilder.CreateAsync(builder =>
        {
            var cache = builder.AddMetricsCache("metrics-cache", replicas: 2);
            builder.AddPrometheus("prometheus", scrapeInterval: TimeSpan.FromSeconds(1)).WithScrapeTarget(cache).WaitFor(cache);
        }, "--Dashboard:Enabled=true", $"--Dashboard:BrowserToken={token}", "--Hosting:StopTimeout=00:00:05");
        await app.StartAsync(Cancel);
        await app.WaitForResourceHealthyAsync("prometheus");
        var replica = ((MetricsCacheResource)app.Model.Get("metrics-cache")).ReplicaUrls[0];
        using var http = new HttpClient();
        using var dashboard = await LoggedInClientAsync(app, token);

        // A counter growing by 30 per second, pushed every 500 ms: after a few scrapes the 30 s rate is about 30/s.
        var start = DateTime.UtcNow;
        await Eventually.TrueAsync(async () =>
        {
            var value = (long)((DateTime.UtcNow - start).TotalSeconds * 30);
            await PushAsync(http, replica, value);
            var rate = await ConsumedRateAsync(dashboard, "orders");
            return rate is > 0;
        }, TimeSpan.FromSeconds(30), "a non-zero messages_consumed rate for app 'orders' on the dashboard");

        using var json = JsonDocument.Parse(await dashboard.GetStringAsync(new Uri("api/metrics/kafka", UriKind.Relative), Cancel));
        var produced = json.RootElement.EnumerateArray().Single(c => c.GetProperty("title").GetString() == "Messages produced / s");
        Assert.Equal(JsonValueKind.Null, produced.GetProperty("error").ValueKind);
        Assert.Empty(produced.GetProperty("series").EnumerateArray());
    }

    private static async Task PushAsync(HttpClient http, string replica, long consumed)
    {
        var body = string.Create(CultureInfo.InvariantCulture,
            $"# TYPE messages_consumed counter\nmessages_consumed{{app=\"orders\",topic=\"forms\"}} {consumed}\n");
        using var content = new StringContent(body, Encoding.UTF8, "text/plain");
        using var response = await http.PutAsync(new Uri($"{replica}/metrics/job/orders-pod-1"), content, Cancel);
        response.EnsureSuccessStatusCode();
        await Task.Delay(500, Cancel);
    }

    private static async Task<double?> ConsumedRateAsync(HttpClient dashboard, string app)
    {
        using var json = JsonDocument.Parse(await dashboard.GetStringAsync(new Uri("api/metrics/kafka", UriKind.Relative), Cancel));
        var consumed = json.RootElement.EnumerateArray().Single(c => c.GetProperty("title").GetString() == "Messages consumed / s");
        Assert.Equal(JsonValueKind.Null, consumed.GetProperty("error").ValueKind);
        var series = consumed.GetProperty("series").EnumerateArray().SingleOrDefault(s => s.GetProperty("name").GetString() == app);
        if (series.ValueKind == JsonValueKind.Undefined)
        {
            return null;
        }
        return series.GetProperty("points").EnumerateArray().Select(p => p[1].GetDouble()).DefaultIfEmpty().Last();
    }

    private static async Task<HttpClient> LoggedInClientAsync(DistributedApplication app, string token)
    {
        var url = app.Services.GetRequiredService<DashboardServer>().Url ?? throw new InvalidOperationException("The dashboard has not started.");
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() }) { BaseAddress = url };
        using var response = await client.GetAsync(new Uri("login?t=" + token, UriKind.Relative), Cancel);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }
}
