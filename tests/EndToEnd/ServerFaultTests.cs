using System.Globalization;
using System.Net;
using System.Text.Json;
using StackExchange.Redis;

namespace MonitoringStack.EndToEnd;

/// <summary>The other servers' faults through the app model: Redis restarted, InfluxDB stopped, a metrics-cache replica stopped.</summary>
[Collection(PipelineGroup.Name)]
public sealed class ServerFaultTests(PipelineFixture fixture)
{
    [Fact]
    public async Task RedisRestarted_SocketOpen_IntakeAcceptedDuringTheOutageItsEventDeliveredOnceAndStreamResumesWithin5s()
    {
        var account = Pipeline.NewAccount("restart");
        using var socket = await fixture.ConnectAsync(account);
        var before = await fixture.QueryInfluxAsync("SELECT * FROM subscription_error");

        // Stop, wait until the old process is gone, start: Aspire's restart command starts the new redis-server as soon
        // as DCP reports the stop, and in a loaded run the old one could still hold the port (the start then failed).
        await fixture.CommandAsync("redis", KnownResourceCommands.StopCommand);
        await fixture.WaitStoppedAsync("redis");
        // Intake needs no Redis: a form posted during the outage is accepted (the producer is Degraded, not refused).
        var duringId = "e2e-during-" + Guid.NewGuid().ToString("N");
        using (var during = await fixture.PostFormAsync(Pipeline.Form("during@example.com", account), duringId))
        {
            Assert.Equal(HttpStatusCode.Accepted, during.StatusCode);
        }
        await fixture.CommandAsync("redis", KnownResourceCommands.StartCommand);
        await fixture.WaitHealthyAsync("redis");
        var back = System.Diagnostics.Stopwatch.StartNew();
        // Pub/sub keeps nothing: an event published before the producer has subscribed again is lost, not late.
        using (var redis = await ConnectionMultiplexer.ConnectAsync((await fixture.App.GetConnectionStringAsync("redis", TestContext.Current.CancellationToken))!))
        {
            var server = redis.GetServer(redis.GetEndPoints().Single());
            await Eventually.TrueAsync(async () => await server.SubscriptionSubscriberCountAsync(RedisChannel.Literal("events:" + account)) > 0,
                Pipeline.Wait, "the producer to subscribe to the account's channel again");
        }
        var resumedAfter = back.Elapsed;
        TestContext.Current.TestOutputHelper?.WriteLine($"Redis restarted: the producer subscribed again {resumedAfter.TotalSeconds:0.00} s after Redis was healthy");
        Assert.True(resumedAfter <= TimeSpan.FromSeconds(5), $"the producer subscribed again {resumedAfter.TotalSeconds:0.0} s after Redis was healthy (at most 5 s)");
        var requestId = "e2e-after-restart-" + Guid.NewGuid().ToString("N");
        using (var response = await fixture.PostFormAsync(Pipeline.Form("restart@example.com", account), requestId))
        {
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        }
        // The consumer retries the outage form's publish until Redis takes it; if the producer had not subscribed again
        // by then, the producer reads it back from the account's event log. Either way it arrives, once.
        var ids = new List<string?>();
        while (ids.Count < 2 && await socket.ReceiveAsync() is { } received)
        {
            ids.Add(JsonDocument.Parse(received).RootElement.GetProperty("request_id").GetString());
        }
        var extra = await socket.ReceiveAsync(TimeSpan.FromSeconds(3));

        Assert.Equal(new string?[] { duringId, requestId }.Order(StringComparer.Ordinal), ids.Order(StringComparer.Ordinal));
        Assert.Null(extra);
        var after = await Eventually.ReturnsAsync(() => fixture.QueryInfluxAsync("SELECT * FROM subscription_error"),
            rows => rows.Count > before.Count, Pipeline.Wait, "a subscription_error point");
        Assert.Contains(after, row => row["service"] == "sample-web-producer");
    }

    [Fact]
    public async Task InfluxDbStopped60sUnderLoad_PointsBufferedShownInPrometheusAndAllWrittenAfter()
    {
        var prefix = "e2e-influx-" + Guid.NewGuid().ToString("N")[..8] + "-";
        var account = Pipeline.NewAccount("influx");
        var posted = 0;
        double mostBuffered = 0;
        var back = new System.Diagnostics.Stopwatch();
        await fixture.CommandAsync("influxdb", KnownResourceCommands.StopCommand);
        await fixture.WaitStoppedAsync("influxdb");
        try
        {
            var outage = System.Diagnostics.Stopwatch.StartNew();
            while (outage.Elapsed < TimeSpan.FromSeconds(60))
            {
                for (var i = 0; i < 10; i++, posted++)
                {
                    using var response = await fixture.PostFormAsync(Pipeline.Form("influx@example.com", account), prefix + posted.ToString("D4", CultureInfo.InvariantCulture));
                    Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
                }
                mostBuffered = Math.Max(mostBuffered, await fixture.QueryPrometheusAsync("max(influx_points_buffered{app=\"sample-web-producer\"})") ?? 0);
                await Task.Delay(TimeSpan.FromMilliseconds(800), TestContext.Current.CancellationToken);
            }
        }
        finally
        {
            back.Start();
            await fixture.CommandAsync("influxdb", KnownResourceCommands.StartCommand);
            await fixture.WaitHealthyAsync("influxdb");
        }
        var written = await Eventually.ReturnsAsync(
            async () => (await fixture.QueryInfluxAsync($"SELECT count(execution_time) FROM requests WHERE request_id =~ /^{prefix}/")) is [var row] ? double.Parse(row["count"], CultureInfo.InvariantCulture) : 0,
            count => count >= posted, TimeSpan.FromSeconds(90), $"the {posted} requests points of the outage in influxd", TimeSpan.FromSeconds(1));
        var dropped = await fixture.QueryPrometheusAsync("sum(influx_points_dropped_total{app=\"sample-web-producer\",reason=\"buffer_full\"})") ?? 0;
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"influxd stopped 60 s: {posted} forms posted, at most {mostBuffered} points buffered per producer replica, all {written} written {back.Elapsed.TotalSeconds:0.0} s after influxd was started again, {dropped} dropped");

        Assert.Equal(posted, written);
        Assert.True(mostBuffered > 0, "Prometheus never showed points waiting while influxd was stopped");
        Assert.Equal(0, dropped);
    }

    [Fact]
    public async Task MetricsCacheReplicaStopped_Traffic_PrometheusStillHasTheMetrics()
    {
        await fixture.CommandAsync("metrics-cache-0", KnownResourceCommands.StopCommand);
        await fixture.WaitStoppedAsync("metrics-cache-0");
        try
        {
            var account = Pipeline.NewAccount("cache");
            var baseline = await fixture.QueryPrometheusAsync("sum(messages_produced{app=\"sample-web-producer\",topic=\"forms\"})") ?? 0;
            using (var response = await fixture.PostFormAsync(Pipeline.Form("cache@example.com", account), "e2e-" + account))
            {
                Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            }

            // The surviving replica got every push, and the front address sends Prometheus' scrapes there.
            var value = await Eventually.ReturnsAsync(
                () => fixture.QueryPrometheusAsync("sum(messages_produced{app=\"sample-web-producer\",topic=\"forms\"})"),
                v => v >= baseline + 1, Pipeline.Wait, "the new form counted in Prometheus with one cache replica down");
            Assert.True(value >= baseline + 1);
        }
        finally
        {
            await fixture.CommandAsync("metrics-cache-0", KnownResourceCommands.StartCommand);
            await fixture.WaitHealthyAsync("metrics-cache-0");
        }
    }
}
