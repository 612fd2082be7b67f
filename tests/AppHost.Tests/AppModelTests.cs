using Microsoft.Extensions.DependencyInjection;
using Monitoring.Hosting.Orchestration;
using Monitoring.Hosting.Servers;
using Monitoring.Hosting.Testing;

namespace Monitoring.AppHost.Tests;

[Collection(AppModelGroup.Name)]
public sealed class AppModelTests(AppModelFixture fixture)
{
    private readonly Hosting.DistributedApplication _app = fixture.App;

    [Fact]
    public async Task Start_EveryInfrastructureResource_BecomesHealthy()
    {
        // How fast is measured by bench/Monitoring.Benchmarks (AppHostColdStartBenchmarks), not here.
        await _app.WaitForResourceHealthyAsync("kafka", TimeSpan.FromSeconds(60));
        // The sample projects are waited for and exercised by tests/EndToEnd.
        var names = _app.Services.GetRequiredService<ResourceNotificationService>().GetAll()
            .Where(s => s.Type != "Project" && s.Replicas.Count > 0).Select(s => s.Name);
        // One failed probe marks a replica unhealthy until the next one passes: wait for each, not one snapshot of all.
        var snapshots = await Task.WhenAll(names.Select(name => _app.WaitForResourceHealthyAsync(name, TimeSpan.FromSeconds(60))));

        Assert.All(snapshots, resource => Assert.All(resource.Replicas, replica =>
            Assert.True(replica.State == ReplicaState.Healthy, $"{resource.Name}[{replica.Index}] is {replica.State}")));
        Assert.Equal(6, snapshots.Sum(resource => resource.Replicas.Count));
    }

    [Fact]
    public void Model_TheTemplatesResources_WithTheirShape()
    {
        var snapshots = _app.Services.GetRequiredService<ResourceNotificationService>().GetAll();
        var kafka = (KafkaResource)_app.Model.Get("kafka");
        var prometheus = (PrometheusResource)_app.Model.Get("prometheus");

        Assert.Equal(["kafka", "redis", "influxdb", "metrics-cache", "prometheus", "forms-api-key", "sample-consumer", "sample-web-producer"],
            snapshots.Select(s => s.Name));
        Assert.Equal(2, snapshots.Single(s => s.Name == "sample-web-producer").Replicas.Count);
        Assert.Equal(["kafka", "redis", "influxdb", "metrics-cache"], snapshots.Single(s => s.Name == "sample-consumer").WaitsFor);
        Assert.Equal(["kafka", "redis", "influxdb", "metrics-cache"], snapshots.Single(s => s.Name == "sample-web-producer").WaitsFor);
        Assert.Equal([("forms", 4), ("outgoing", 4), ("forms.dlq", 1)], kafka.Topics);
        Assert.Equal(3, kafka.Brokers);
        Assert.False(kafka.IsExternal);
        Assert.Equal(2, snapshots.Single(s => s.Name == "metrics-cache").Replicas.Count);
        Assert.Equal(["metrics-cache"], snapshots.Single(s => s.Name == "prometheus").WaitsFor);
        Assert.Equal("metrics-cache", Assert.Single(prometheus.ScrapeTargets).Target.Name);
        Assert.Equal("monitoring", ((InfluxDbResource)_app.Model.Get("influxdb")).Database);
    }

    [Fact]
    public async Task Prometheus_MetricsCacheTarget_UpThroughTheFrontAddress()
    {
        using var prometheus = _app.CreateHttpClient("prometheus");
        var front = new Uri(_app.GetFrontAddress("metrics-cache").Url).Authority;

        string? up = null;
        for (var attempt = 0; attempt < 100 && up != "1"; attempt++)
        {
            var json = await prometheus.GetStringAsync(new Uri($"/api/v1/query?query=up{{instance=\"{front}\"}}", UriKind.Relative), TestContext.Current.CancellationToken);
            up = System.Text.Json.JsonDocument.Parse(json).RootElement.GetProperty("data").GetProperty("result") is { } r && r.GetArrayLength() > 0
                ? r[0].GetProperty("value")[1].GetString()
                : null;
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        Assert.Equal("1", up);
    }
}
