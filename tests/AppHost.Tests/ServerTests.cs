using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace MonitoringStack.AppHost.Tests;

/// <summary>Each server of the started model works for real: asked through its own protocol, answers read back.</summary>
[Collection(AppHostGroup.Name)]
public sealed class ServerTests(AppHostFixture fixture)
{
    [Fact]
    public async Task Redis_ConnectionString_AnswersSetAndGet()
    {
        var connectionString = await fixture.App.GetConnectionStringAsync("redis", TestContext.Current.CancellationToken);
        var (host, port) = (connectionString!.Split(':')[0], int.Parse(connectionString.Split(':')[1], System.Globalization.CultureInfo.InvariantCulture));
        using var client = new TcpClient();
        await client.ConnectAsync(host, port, TestContext.Current.CancellationToken);
        var stream = client.GetStream();
        using var reader = new StreamReader(stream, Encoding.ASCII);

        await stream.WriteAsync("*3\r\n$3\r\nSET\r\n$4\r\ntest\r\n$5\r\nvalue\r\n*2\r\n$3\r\nGET\r\n$4\r\ntest\r\n"u8.ToArray(), TestContext.Current.CancellationToken);

        Assert.Equal("127.0.0.1", host);
        Assert.Equal("+OK", await reader.ReadLineAsync(TestContext.Current.CancellationToken));
        Assert.Equal("$5", await reader.ReadLineAsync(TestContext.Current.CancellationToken));
        Assert.Equal("value", await reader.ReadLineAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task InfluxDb_Healthy_DatabaseExistsAndTakesAWrite()
    {
        using var influx = fixture.App.CreateHttpClient("influxdb", "http");
        using var point = new StringContent("apphost_test,service=tests value=42i 1700000000000000000");

        using var written = await influx.PostAsync(new Uri("/write?db=monitoring", UriKind.Relative), point, TestContext.Current.CancellationToken);
        var body = await influx.GetStringAsync(new Uri("/query?db=monitoring&q=SELECT%20value%20FROM%20apphost_test", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(System.Net.HttpStatusCode.NoContent, written.StatusCode);
        Assert.Equal(42, JsonDocument.Parse(body).RootElement.GetProperty("results")[0].GetProperty("series")[0].GetProperty("values")[0][1].GetInt32());
    }

    [Fact]
    public async Task Prometheus_MetricsCacheJob_UpThroughTheFrontAddress()
    {
        using var prometheus = fixture.App.CreateHttpClient("prometheus", "http");
        var front = fixture.App.GetEndpoint("metrics-cache", "http").Authority;

        var up = await Eventually.ReturnsAsync(() => PrometheusQueries.ValueAsync(prometheus, "up{job=\"metrics-cache\"}"), v => v == 1,
            TimeSpan.FromSeconds(30), "Prometheus to scrape the metrics cache's front address");

        Assert.Equal(1, up);
        Assert.Equal(front.Replace("localhost", "127.0.0.1", StringComparison.Ordinal),
            await PrometheusQueries.LabelAsync(prometheus, "up{job=\"metrics-cache\"}", "instance"));
    }

    [Fact]
    public async Task Prometheus_AlertRules_TheDeploymentsRuleFileIsLoaded()
    {
        using var prometheus = fixture.App.CreateHttpClient("prometheus", "http");

        // A rule's health is "unknown" until its group's first evaluation, up to one evaluation interval after the load.
        var body = await Eventually.ReturnsAsync(
            () => prometheus.GetStringAsync(new Uri("/api/v1/rules?type=alert", UriKind.Relative), TestContext.Current.CancellationToken),
            text => text.Contains("\"groups\":[{", StringComparison.Ordinal) && !text.Contains("\"health\":\"unknown\"", StringComparison.Ordinal),
            TimeSpan.FromSeconds(30), "every alert rule evaluated once", TimeSpan.FromSeconds(1));

        // deploy/kubernetes/base/prometheus/alerts.yml, the file the cluster's Prometheus loads (promtool tests it).
        var group = Assert.Single(JsonDocument.Parse(body).RootElement.GetProperty("data").GetProperty("groups").EnumerateArray());
        Assert.EndsWith("deploy/kubernetes/base/prometheus/alerts.yml", group.GetProperty("file").GetString(), StringComparison.Ordinal);
        Assert.Equal(["ServiceStoppedPushing", "MetricsCacheReplicaDown", "MessageErrorsHigh", "ConsumerLagGrowing"],
            group.GetProperty("rules").EnumerateArray().Select(r => r.GetProperty("name").GetString()));
        Assert.All(group.GetProperty("rules").EnumerateArray(), r => Assert.Equal("ok", r.GetProperty("health").GetString()));
    }

    [Fact]
    public async Task MetricsCacheFront_EachReplicaHoldsItsOwnValue_ScrapesAlternateBetweenThem()
    {
        var metric = "apphost_test_replica_" + Guid.NewGuid().ToString("N")[..8];
        for (var index = 0; index < 2; index++)
        {
            using var replica = fixture.App.CreateHttpClient($"metrics-cache-{index}", "http");
            using var body = new StringContent($"{metric} {index}\n");
            using var response = await replica.PutAsync(new Uri("/metrics/job/apphost-tests", UriKind.Relative), body, TestContext.Current.CancellationToken);
            Assert.True(response.IsSuccessStatusCode, $"metrics-cache-{index} answered {(int)response.StatusCode}");
        }

        // Round-robin sends scrapes to both replicas; a replica the front's health check has not (re)admitted yet (a slow
        // /-/ready answer on a busy machine) sits out a few, so scrapes go on until both values were seen or 30 s passed.
        var seen = new HashSet<string>();
        await Eventually.TrueAsync(async () =>
        {
            using var front = fixture.App.CreateHttpClient("metrics-cache", "http");
            var page = await front.GetStringAsync(new Uri("/metrics", UriKind.Relative), TestContext.Current.CancellationToken);
            seen.Add(page.Split('\n').Single(line => line.StartsWith(metric + "{", StringComparison.Ordinal)).Split(' ')[^1]);
            return seen.Count == 2;
        }, TimeSpan.FromSeconds(30), "scrapes through the front to reach both replicas");

        Assert.Equal(["0", "1"], seen.Order());
    }
}
