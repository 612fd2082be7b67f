using System.Text;
using Monitoring.Lib.Redis;

namespace Monitoring.Lib.Tests.Redis;

[Collection(RedisServerGroup.Name)]
public sealed class RedisSubscriberTests(RedisServerFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SubscribeAsync_BinaryAndNonAsciiMessages_ReceivedExactlyWithPoints()
    {
        var recorder = new RecordingPointRecorder();
        await using var client = new RedisClient(fixture.Server.Options());
        await using var subscriber = new RedisSubscriber(fixture.Server.Options(), new RedisSubscriberOptions { ServiceName = "relay" }, recorder);
        const string Channel = "événements:42 🚀";
        var binary = Enumerable.Range(0, 256).Select(i => (byte)i).Concat("\r\n*1\r\n"u8.ToArray()).ToArray();

        await subscriber.SubscribeAsync(Channel, Ct);
        Assert.Equal(RedisConnectionState.Connected, subscriber.State);
        Assert.Equal(1, await client.PublishAsync(Channel, binary, Ct));
        Assert.Equal(1, await client.PublishAsync(Channel, "ünïcødé ☕ 日本", Ct));

        var first = await subscriber.Messages.ReadAsync(Ct);
        var second = await subscriber.Messages.ReadAsync(Ct);
        Assert.Equal((Channel, (string?)null), (first.Channel, first.Pattern));
        Assert.Equal(binary, first.Payload.ToArray());
        Assert.Equal("ünïcødé ☕ 日本", second.PayloadText);
        Assert.Equal([("relay", Channel, first.RequestId!), ("relay", Channel, second.RequestId!)], recorder.Messages);
        Assert.NotEqual(first.RequestId, second.RequestId);
        Assert.Empty(recorder.Errors);
    }

    [Fact]
    public async Task PSubscribeAsync_Pattern_ReceivesMatchingChannelsOnly()
    {
        await using var client = new RedisClient(fixture.Server.Options());
        await using var subscriber = new RedisSubscriber(fixture.Server.Options());

        await subscriber.PSubscribeAsync("psub:events:*", Ct);
        Assert.Equal(0, await client.PublishAsync("psub:other:1", "no", Ct));
        Assert.Equal(1, await client.PublishAsync("psub:events:7", "yes", Ct));

        var message = await subscriber.Messages.ReadAsync(Ct);
        Assert.Equal(("psub:events:7", "psub:events:*", "yes"), (message.Channel, message.Pattern, message.PayloadText));
        Assert.Equal(1, subscriber.MessagesReceived);
    }

    [Fact]
    public async Task Handler_SetsRequestId_PointCarriesIt()
    {
        var recorder = new RecordingPointRecorder();
        var handled = new TaskCompletionSource<RedisMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var client = new RedisClient(fixture.Server.Options());
        await using var subscriber = new RedisSubscriber(fixture.Server.Options(), new RedisSubscriberOptions { ServiceName = "web" }, recorder)
        {
            Handler = (message, _) =>
            {
                message.RequestId = message.PayloadText.Split('|')[0];
                handled.TrySetResult(message);
                return ValueTask.CompletedTask;
            },
        };

        await subscriber.SubscribeAsync("handler:1", Ct);
        await client.PublishAsync("handler:1", "req-77|{\"form\":1}", Ct);

        Assert.Equal("req-77", (await handled.Task.WaitAsync(Ct)).RequestId);
        await WaitForAsync(() => !recorder.Messages.IsEmpty);
        Assert.Equal(("web", "handler:1", "req-77"), Assert.Single(recorder.Messages));
    }

    [Fact]
    public async Task RequestIdExtractor_ChannelMode_PointAndMessageShareTheId()
    {
        var recorder = new RecordingPointRecorder();
        await using var client = new RedisClient(fixture.Server.Options());
        await using var subscriber = new RedisSubscriber(fixture.Server.Options(), recorder: recorder)
        {
            RequestIdExtractor = m => m.PayloadText.StartsWith("id=", StringComparison.Ordinal) ? m.PayloadText[3..] : null,
        };

        await subscriber.SubscribeAsync("extract:1", Ct);
        await client.PublishAsync("extract:1", "id=abc", Ct);
        await client.PublishAsync("extract:1", "no id", Ct);

        var withId = await subscriber.Messages.ReadAsync(Ct);
        var withoutId = await subscriber.Messages.ReadAsync(Ct);
        Assert.Equal("abc", withId.RequestId);
        Assert.Equal(32, withoutId.RequestId!.Length);
        Assert.Equal(["abc", withoutId.RequestId], recorder.Messages.Select(m => m.RequestId));
    }

    [Fact]
    public async Task UnsubscribeAsync_Channel_NoLongerReceives()
    {
        await using var client = new RedisClient(fixture.Server.Options());
        await using var subscriber = new RedisSubscriber(fixture.Server.Options());
        await subscriber.SubscribeAsync("unsub:a", Ct);
        await subscriber.SubscribeAsync("unsub:b", Ct);

        await subscriber.UnsubscribeAsync("unsub:a", Ct);

        // UNSUBSCRIBE is not awaited for its confirmation: PUBLISH to it is polled, boundedly, until nobody listens.
        await WaitForAsync(async () => await client.PublishAsync("unsub:a", "x", Ct) == 0);
        Assert.Equal(1, await client.PublishAsync("unsub:b", "still", Ct));
        Assert.Equal("still", (await subscriber.Messages.ReadAsync(Ct)).PayloadText);
    }

    [Fact]
    public async Task DisposeAsync_Subscribed_MessagesCompletedAndStateStopped()
    {
        var subscriber = new RedisSubscriber(fixture.Server.Options());
        await subscriber.SubscribeAsync("dispose:1", Ct);

        await subscriber.DisposeAsync();

        Assert.Equal(RedisConnectionState.Stopped, subscriber.State);
        Assert.False(await subscriber.Messages.WaitToReadAsync(Ct));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => subscriber.SubscribeAsync("dispose:2", Ct));
    }

    internal static Task WaitForAsync(Func<bool> condition) => WaitForAsync(() => Task.FromResult(condition()));

    internal static async Task WaitForAsync(Func<Task<bool>> condition)
    {
        for (var i = 0; i < 200; i++)
        {
            if (await condition())
            {
                return;
            }
            await Task.Delay(50, Ct);
        }
        Assert.Fail("Condition not met within 200 checks 50 ms apart.");
    }
}
