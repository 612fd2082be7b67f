using System.Threading.Channels;
using Monitoring.Lib.Redis;
using StackExchange.Redis;

namespace Monitoring.Lib.Tests.Redis;

[Collection(RedisServerGroup.Name)]
public sealed class RedisSubscriberTests(RedisServerFixture fixture)
{
    /// <summary>How long a Redis test waits for something to happen: 10 s.</summary>
    internal static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SubscribeAsync_BinaryAndNonAsciiMessages_ReceivedExactlyWithPoints()
    {
        var recorder = new RecordingPointRecorder();
        using var redis = await fixture.Server.ConnectAsync();
        await using var subscriber = new RedisSubscriber(redis, new RedisSubscriberOptions { ServiceName = "relay" }, recorder);
        const string Channel = "événements:42 🚀";
        var binary = Enumerable.Range(0, 256).Select(i => (byte)i).Concat("\r\n*1\r\n"u8.ToArray()).ToArray();
        var received = Received(out var handler);

        await using var subscription = await subscriber.SubscribeAsync(Channel, handler, Ct);
        Assert.Equal(1, await Publish(redis, Channel, binary));
        Assert.Equal(1, await Publish(redis, Channel, "ünïcødé ☕ 日本"));

        var first = await received.ReadAsync(Ct);
        var second = await received.ReadAsync(Ct);
        Assert.Equal((Channel, (string?)null), (first.Channel, first.Pattern));
        Assert.Equal(binary, first.Payload.ToArray());
        Assert.Equal("ünïcødé ☕ 日本", second.PayloadText);
        await Eventually.TrueAsync(() => recorder.Messages.Count == 2, Wait, "both messages to be handled");
        Assert.Equal([("relay", Channel, first.RequestId!), ("relay", Channel, second.RequestId!)], recorder.Messages);
        Assert.All([first.RequestId!, second.RequestId!], id => Assert.Matches("^[0-9a-f]{32}$", id));
        Assert.NotEqual(first.RequestId, second.RequestId);
        Assert.Empty(recorder.Errors);
    }

    [Fact]
    public async Task PSubscribeAsync_Pattern_ReceivesMatchingChannelsOnly()
    {
        using var redis = await fixture.Server.ConnectAsync();
        await using var subscriber = new RedisSubscriber(redis);
        var received = Received(out var handler);

        await using var subscription = await subscriber.PSubscribeAsync("psub:events:*", handler, Ct);
        Assert.Equal(0, await Publish(redis, "psub:other:1", "no"));
        Assert.Equal(1, await Publish(redis, "psub:events:7", "yes"));

        var message = await received.ReadAsync(Ct);
        Assert.Equal(("psub:events:7", "psub:events:*", "yes"), (message.Channel, message.Pattern, message.PayloadText));
        Assert.Equal(1, subscriber.MessagesReceived);
    }

    [Fact]
    public async Task Handler_SetsRequestId_PointCarriesIt()
    {
        var recorder = new RecordingPointRecorder();
        using var redis = await fixture.Server.ConnectAsync();
        await using var subscriber = new RedisSubscriber(redis, new RedisSubscriberOptions { ServiceName = "web" }, recorder);

        await using var subscription = await subscriber.SubscribeAsync("handler:1", (message, _) =>
        {
            message.RequestId = message.PayloadText.Split('|')[0];
            return ValueTask.CompletedTask;
        }, Ct);
        await Publish(redis, "handler:1", "req-77|{\"form\":1}");

        await Eventually.TrueAsync(() => !recorder.Messages.IsEmpty, Wait, "the message to be handled");
        Assert.Equal(("web", "handler:1", "req-77"), Assert.Single(recorder.Messages));
    }

    [Fact]
    public async Task Handler_Throws_ErrorPointAndTheNextMessageStillArrives()
    {
        var recorder = new RecordingPointRecorder();
        using var redis = await fixture.Server.ConnectAsync();
        await using var subscriber = new RedisSubscriber(redis, new RedisSubscriberOptions { ServiceName = "web" }, recorder);
        var handled = Channel.CreateUnbounded<string>();

        await using var subscription = await subscriber.SubscribeAsync("throws:1", (message, _) =>
        {
            handled.Writer.TryWrite(message.PayloadText);
            return message.PayloadText == "bad" ? throw new FormatException("not an event") : ValueTask.CompletedTask;
        }, Ct);
        await Publish(redis, "throws:1", "bad");
        await Publish(redis, "throws:1", "good");

        Assert.Equal(["bad", "good"], [await handled.Reader.ReadAsync(Ct), await handled.Reader.ReadAsync(Ct)]);
        Assert.Equal(("web", RedisErrorCodes.HandlerFailed), Assert.Single(recorder.Errors));
        await Eventually.TrueAsync(() => recorder.Messages.Count == 2, Wait, "both messages to be handled");
    }

    [Fact]
    public async Task Handler_SlowMessages_OneAtATimeInPublishOrder()
    {
        using var redis = await fixture.Server.ConnectAsync();
        await using var subscriber = new RedisSubscriber(redis);
        var order = new List<int>();
        var running = 0;
        var overlapped = false;
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        await using var subscription = await subscriber.SubscribeAsync("order:1", async (message, _) =>
        {
            overlapped |= Interlocked.Increment(ref running) > 1;
            await Task.Delay(2, CancellationToken.None);
            order.Add(int.Parse(message.PayloadText, System.Globalization.CultureInfo.InvariantCulture));
            Interlocked.Decrement(ref running);
            if (order.Count == 50)
            {
                done.TrySetResult();
            }
        }, Ct);
        for (var i = 0; i < 50; i++)
        {
            await Publish(redis, "order:1", i.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        await done.Task.WaitAsync(TimeSpan.FromSeconds(20), Ct);
        Assert.False(overlapped);
        Assert.Equal(Enumerable.Range(0, 50), order);
    }

    [Fact]
    public async Task DisposeSubscription_Channel_NoLongerReceivesOthersStill()
    {
        using var redis = await fixture.Server.ConnectAsync();
        await using var subscriber = new RedisSubscriber(redis);
        var received = Received(out var handler);
        var a = await subscriber.SubscribeAsync("unsub:a", handler, Ct);
        await using var b = await subscriber.SubscribeAsync("unsub:b", handler, Ct);

        await a.DisposeAsync();

        // The server's own count: nobody listens on unsub:a any more.
        await Eventually.TrueAsync(async () => await Publish(redis, "unsub:a", "x") == 0, Wait, "unsub:a to have no subscriber left");
        Assert.Equal(1, await Publish(redis, "unsub:b", "still"));
        Assert.Equal("still", (await received.ReadAsync(Ct)).PayloadText);
    }

    [Fact]
    public async Task DisposeAsync_Subscribed_UnsubscribesAllAndRefusesNewOnes()
    {
        using var redis = await fixture.Server.ConnectAsync();
        var subscriber = new RedisSubscriber(redis);
        await subscriber.SubscribeAsync("dispose:1", (_, _) => ValueTask.CompletedTask, Ct);

        await subscriber.DisposeAsync();

        await Eventually.TrueAsync(async () => await Publish(redis, "dispose:1", "x") == 0, Wait, "dispose:1 to have no subscriber left");
        await Assert.ThrowsAsync<ObjectDisposedException>(() => subscriber.SubscribeAsync("dispose:2", (_, _) => ValueTask.CompletedTask, Ct));
    }

    [Fact]
    public void Validate_BadSettings_MessageNamesKeyAndValue()
    {
        Assert.Equal("Monitoring:Redis:ServiceName must not be empty.",
            Assert.Throws<ArgumentException>(new RedisSubscriberOptions { ServiceName = " " }.Validate).Message);
        Assert.Equal("Monitoring:Redis:LogEveryNthFailure must be at least 1, not 0.",
            Assert.Throws<ArgumentException>(new RedisSubscriberOptions { LogEveryNthFailure = 0 }.Validate).Message);
    }

    internal static Task<long> Publish(IConnectionMultiplexer redis, string channel, RedisValue message) =>
        redis.GetSubscriber().PublishAsync(RedisChannel.Literal(channel), message);

    /// <summary>A handler that queues what it gets, for the test to read in order.</summary>
    internal static ChannelReader<RedisMessage> Received(out Func<RedisMessage, CancellationToken, ValueTask> handler)
    {
        var messages = Channel.CreateUnbounded<RedisMessage>();
        handler = (message, _) => messages.Writer.WriteAsync(message, CancellationToken.None);
        return messages.Reader;
    }
}
