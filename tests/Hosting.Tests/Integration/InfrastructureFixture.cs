using Monitoring.Hosting.Testing;

namespace Monitoring.Hosting.Tests.Integration;

/// <summary>Redis, InfluxDB, a two-replica metrics cache and Prometheus scraping it, started once for the class.</summary>
public sealed class InfrastructureFixture : IAsyncLifetime
{
    public DistributedApplication App { get; private set; } = null!;

    public static void Configure(IDistributedApplicationBuilder builder)
    {
        builder.AddRedis("redis");
        builder.AddInfluxDb("influxdb", database: "tests");
        var cache = builder.AddMetricsCache("metrics-cache", replicas: 2);
        // Prometheus gives a scrape as long as its interval: 2 s, so one slow relay through the front address on a loaded
        // machine is not a scrape that is down (the tests want "up" on every scrape).
        builder.AddPrometheus("prometheus", scrapeInterval: TimeSpan.FromSeconds(2)).WithScrapeTarget(cache).WaitFor(cache);
    }

    public async ValueTask InitializeAsync()
    {
        App = await DistributedApplicationTestingBuilder.CreateAsync(Configure, "--Hosting:StopTimeout=00:00:05");
        await App.StartAsync();
        foreach (var name in new[] { "redis", "influxdb", "metrics-cache", "prometheus" })
        {
            await App.WaitForResourceHealthyAsync(name, TimeSpan.FromSeconds(60));
        }
    }

    public async ValueTask DisposeAsync() => await App.DisposeAsync();
}
