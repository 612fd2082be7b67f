using System.Text.Json;
using Monitoring.Hosting.Testing;
using Monitoring.Lib.Redis;
using Monitoring.Lib.Tests.Fixtures;

namespace Monitoring.Hosting.Tests.Integration;

public sealed class InfrastructureTests(InfrastructureFixture fixture) : IClassFixture<InfrastructureFixture>
{
    private readonly DistributedApplication _app = fixture.App;

    [Fact]
    public async Task Redis_PingAndPublishSubscribe_ThroughItsConnectionString()
    {
        var connectionString = await _app.GetConnectionStringAsync("redis", TestContext.Current.CancellationToken);
        var connection = RedisConnectionOptions.Parse(connectionString);
        await using var client = new RedisClient(connection);
        await using var subscriber = new RedisSubscriber(connection);

        var pong = await client.PingAsync(cancellationToken: TestContext.Current.CancellationToken);
        await subscriber.SubscribeAsync("events:42", TestContext.Current.CancellationToken);
        var receivers = await client.PublishAsync("events:42", "{\"form\":1}", TestContext.Current.CancellationToken);
        var message = await subscriber.Messages.ReadAsync(TestContext.Current.CancellationToken);

        Assert.Equal("PONG", pong);
        Assert.Equal(1, receivers);
        Assert.Equal(("events:42", "{\"form\":1}"), (message.Channel, message.PayloadText));
    }

    [Fact]
    public async Task InfluxDb_DatabaseCreatedAtStart_WriteThenQueryReadsThePoint()
    {
        using var http = _app.CreateHttpClient("influxdb");
        using var line = new StringContent("requests,service=web,route=POST:/forms execution_time=12.5 1700000000000000000");

        using var written = await http.PostAsync(new Uri("/write?db=tests", UriKind.Relative), line, TestContext.Current.CancellationToken);
        var body = await http.GetStringAsync(new Uri("/query?db=tests&epoch=ns&q=" + Uri.EscapeDataString("SELECT execution_time, route FROM requests"), UriKind.Relative),
            TestContext.Current.CancellationToken);

        Assert.Equal(204, (int)written.StatusCode);
        using var json = JsonDocument.Parse(body);
        var row = json.RootElement.GetProperty("results")[0].GetProperty("series")[0].GetProperty("values")[0];
        Assert.Equal(1700000000000000000, row[0].GetInt64());
        Assert.Equal(12.5, row[1].GetDouble());
        Assert.Equal("POST:/forms", row[2].GetString());
    }

    [Fact]
    public async Task MetricsCache_BothReplicas_AnswerOnTheirOwnAddressAndThroughTheFront()
    {
        var cache = (Servers.MetricsCacheResource)_app.Model.Get("metrics-cache");
        using var http = new HttpClient();

        foreach (var url in cache.ReplicaUrls)
        {
            using var ready = await http.GetAsync(new Uri(url + "/-/ready"), TestContext.Current.CancellationToken);
            Assert.True(ready.IsSuccessStatusCode, url);
        }
        var front = _app.GetFrontAddress("metrics-cache");
        var before = front.AcceptedConnections;
        using var viaFront = _app.CreateHttpClient("metrics-cache");
        using var response = await viaFront.GetAsync(new Uri("/-/ready", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(2, cache.ReplicaUrls.Count);
        Assert.Equal(cache.Url, front.Url);
        Assert.True(response.IsSuccessStatusCode);
        Assert.True(front.AcceptedConnections > before);
    }

    [Fact]
    public async Task Prometheus_ScrapesTheCacheThroughItsFrontAddress_PushedSampleQueryable()
    {
        var cache = (Servers.MetricsCacheResource)_app.Model.Get("metrics-cache");
        using var http = new HttpClient();
        var job = $"t{Guid.NewGuid():N}";
        foreach (var url in cache.ReplicaUrls)
        {
            using var push = new StringContent("messages_consumed{topic=\"forms\"} 7\n");
            using var pushed = await http.PutAsync(new Uri($"{url}/metrics/job/{job}"), push, TestContext.Current.CancellationToken);
            Assert.True(pushed.IsSuccessStatusCode);
        }
        using var prometheus = _app.CreateHttpClient("prometheus");

        var target = await PrometheusQueries.TargetAsync(prometheus, "metrics-cache");
        string? value = null;
        await Eventually.TrueAsync(async () =>
        {
            value = await PrometheusQueries.InstantAsync(prometheus, $"messages_consumed{{job=\"{job}\",topic=\"forms\"}}");
            return value is not null;
        }, TimeSpan.FromSeconds(20), "Prometheus to scrape the pushed sample");

        Assert.Equal(new Uri(cache.Url).Authority, target.Instance);
        Assert.Equal("up", target.Health);
        Assert.Equal("7", value);
    }

    [Fact]
    public async Task Failover_OneCacheReplicaStopped_PrometheusKeepsScrapingThroughTheFront()
    {
        using var prometheus = _app.CreateHttpClient("prometheus");
        await _app.StopResourceAsync("metrics-cache", replica: 0);
        try
        {
            var stoppedAt = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0;
            // Three scrapes after the stop, every one up: the front address sent them all to the live replica.
            var samples = new List<(double Time, string Value)>();
            await Eventually.TrueAsync(async () =>
            {
                samples = [.. (await PrometheusQueries.RawSamplesAsync(prometheus, "up{job=\"metrics-cache\"}[15s]")).Where(s => s.Time > stoppedAt)];
                return samples.Count >= 3;
            }, TimeSpan.FromSeconds(20), "three scrapes after the replica stopped");
            var target = await PrometheusQueries.TargetAsync(prometheus, "metrics-cache");

            Assert.All(samples, s => Assert.Equal("1", s.Value));
            Assert.Equal("up", target.Health);
        }
        finally
        {
            await _app.StartResourceAsync("metrics-cache", replica: 0);
            await _app.WaitForResourceHealthyAsync("metrics-cache", TimeSpan.FromSeconds(30));
        }
    }
}
