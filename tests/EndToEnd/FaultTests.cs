using System.Net;
using System.Text.Json;
using StackExchange.Redis;
using Monitoring.Lib.Tests.Fixtures;

namespace Monitoring.EndToEnd;

[Collection(PipelineGroup.Name)]
public sealed class FaultTests(PipelineFixture fixture)
{
    [Fact]
    public async Task ConsumerRestarted_FormPostedRightAfter_ReachesOutgoingWithoutWaitingOutTheOldSession()
    {
        await fixture.CommandAsync("sample-consumer", KnownResourceCommands.RestartCommand);
        var consumer = await fixture.WaitHealthyAsync("sample-consumer");
        var requestId = "e2e-consumer-restart-" + Guid.NewGuid().ToString("N");
        using (var response = await fixture.PostFormAsync(Pipeline.Form("again@example.com", Pipeline.NewAccount("again")), requestId))
        {
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        }

        // Within Pipeline.Wait (30 s): with the client's default 45 s session, DevKafka kept the stopped consumer in the
        // group and the new one got no partitions for 44 s.
        Assert.NotNull(fixture.FindByRequestId("outgoing", requestId));
        Assert.Equal("00:00:06", consumer.EnvironmentVariables.Single(e => e.Name == "Monitoring__Kafka__SessionTimeout").Value);
    }

    [Fact]
    public async Task RedisRestarted_SocketOpen_StreamResumesAndSubscriptionErrorRecorded()
    {
        var account = Pipeline.NewAccount("restart");
        using var socket = await fixture.ConnectAsync(account);
        var before = await fixture.QueryInfluxAsync("SELECT * FROM subscription_error");

        // Stop, wait until the old process is gone, start: Aspire's restart command starts the new redis-server as soon
        // as DCP reports the stop, and in a loaded run the old one could still hold the port (the start then failed).
        await fixture.CommandAsync("redis", KnownResourceCommands.StopCommand);
        await fixture.WaitStoppedAsync("redis");
        await fixture.CommandAsync("redis", KnownResourceCommands.StartCommand);
        await fixture.WaitHealthyAsync("redis");
        // Pub/sub keeps nothing: an event published before the producer has subscribed again is lost, not late.
        using (var redis = await ConnectionMultiplexer.ConnectAsync((await fixture.App.GetConnectionStringAsync("redis", TestContext.Current.CancellationToken))!))
        {
            var server = redis.GetServer(redis.GetEndPoints().Single());
            await Eventually.TrueAsync(async () => await server.SubscriptionSubscriberCountAsync(RedisChannel.Literal("events:" + account)) > 0,
                Pipeline.Wait, "the producer to subscribe to the account's channel again");
        }
        var requestId = "e2e-after-restart-" + Guid.NewGuid().ToString("N");
        using (var response = await fixture.PostFormAsync(Pipeline.Form("restart@example.com", account), requestId))
        {
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        }
        var received = await socket.ReceiveAsync();

        Assert.NotNull(received);
        Assert.Equal(requestId, JsonDocument.Parse(received).RootElement.GetProperty("request_id").GetString());
        var after = await Eventually.ReturnsAsync(() => fixture.QueryInfluxAsync("SELECT * FROM subscription_error"),
            rows => rows.Count > before.Count, Pipeline.Wait, "a subscription_error point");
        Assert.Contains(after, row => row["service"] == "sample-web-producer");
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
