using System.Globalization;
using StackExchange.Redis;

namespace MonitoringStack.SampleWebProducer.Tests;

[Collection(ProducerServersGroup.Name)]
public sealed class SlowClientTests(ProducerServers servers)
{
    private const int Capacity = 4;
    private const int Extra = 3;
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Dispatch_ClientThatNeverReads_KeepsTheNewestAndCountsTheDroppedOnMetrics()
    {
        var settings = servers.AppSettings();
        settings["Forms:ClientBufferCapacity"] = Capacity.ToString(CultureInfo.InvariantCulture);
        // A producer of its own: a small queue, and a counter no other test adds to.
        await using var app = await ProducerApp.StartAsync(settings);
        var account = "slow_" + Guid.NewGuid().ToString("N")[..8];
        // A registered client nobody reads: what a socket whose sends block looks like to the queue, without depending
        // on how much the TCP buffers of a real socket would absorb first. Adding it awaited the account's subscription.
        var queue = await app.Events.AddAsync(account, TestContext.Current.CancellationToken);
        using var redis = await servers.Redis.ConnectAsync();

        for (var i = 1; i <= Capacity + Extra; i++)
        {
            Assert.True(await redis.GetSubscriber().PublishAsync(RedisChannel.Literal("events:" + account), Event(account, i)) >= 1);
        }
        // Drops start only once the queue is full, so Extra drops mean every event was dispatched.
        var dropped = await Eventually.ReturnsAsync(() => DroppedOnMetricsAsync(app), v => v >= Extra, Wait, "ws_events_dropped on /metrics");
        await app.Events.RemoveAsync(queue);

        Assert.Equal(Extra, dropped);
        Assert.Equal(Extra, queue.Dropped);
        var kept = new List<string>();
        while (queue.Reader.TryRead(out var accountEvent))
        {
            kept.Add(accountEvent.RequestId);
        }
        Assert.Equal(["req-4", "req-5", "req-6", "req-7"], kept);
    }

    private static string Event(string account, int index) =>
        $$"""{"request_id":"req-{{index}}","account_id":"{{account}}","produced_at":0,"form":null}""";

    private static async Task<double> DroppedOnMetricsAsync(ProducerApp app)
    {
        var text = await app.Client.GetStringAsync(new Uri("/metrics", UriKind.Relative), TestContext.Current.CancellationToken);
        const string prefix = "ws_events_dropped{app=\"sample-web-producer\"} ";
        var line = text.Split('\n').FirstOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal))
            ?? throw new InvalidOperationException("/metrics has no ws_events_dropped series:\n" + text);
        return double.Parse(line[prefix.Length..], CultureInfo.InvariantCulture);
    }
}
