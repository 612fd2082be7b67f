using System.Collections.Concurrent;
using Monitoring.Lib.Redis;
using Monitoring.Lib.Tests.Fixtures;
using Monitoring.Lib.Tests.Influx;
using static Monitoring.Lib.Tests.Redis.RedisSubscriberTests;

namespace Monitoring.Lib.Tests.Redis;

/// <summary>A redis-server killed under a live subscriber and started again on the same port; points go to a real influxd.</summary>
[Collection(InfluxServerGroup.Name)]
public sealed class RedisSubscriberReconnectTests(InfluxServerFixture influx)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Subscriber_ServerKilledAndRestarted_ResubscribesReceivesAndRecordsPointsInInflux()
    {
        const string Database = "redis_reconnect";
        await influx.Server.CreateDatabaseAsync(Database);
        using var points = RecorderTests.Create(influx.Server.Url, options: o => o.Database = Database);
        await using var redis = new RedisServer();
        await redis.StartAsync();
        var options = new RedisSubscriberOptions { ServiceName = "relay", ReconnectMaxDelay = TimeSpan.FromMilliseconds(400) };
        await using var subscriber = new RedisSubscriber(redis.Options(), options, new InfluxRedisPointRecorder(points));
        var states = new ConcurrentQueue<RedisConnectionState>();
        subscriber.StateChanged += states.Enqueue;
        await using var client = new RedisClient(redis.Options());
        await subscriber.SubscribeAsync("rc:events", Ct);
        await subscriber.PSubscribeAsync("rc:*", Ct);
        Assert.Equal(2, await client.PublishAsync("rc:events", "before", Ct));
        var before = await ReadUntilAsync(subscriber, "before", 2);

        await redis.KillAsync();
        await WaitForAsync(() => subscriber.State == RedisConnectionState.Reconnecting);
        await redis.StartAsync();

        // The server itself proves the re-subscription: PUBLISH answers how many subscriptions (channel + pattern) got it.
        await WaitForAsync(async () => await TryPublishAsync(client, "rc:events", "probe") == 2);
        Assert.Equal(2, await client.PublishAsync("rc:events", "after ☕", Ct));
        var after = await ReadUntilAsync(subscriber, "after ☕", 2);

        Assert.Equal([null, "rc:*"], after.Select(m => m.Pattern).Order());
        Assert.Equal((RedisConnectionState.Connected, 1L), (subscriber.State, subscriber.Reconnects));
        Assert.Equal([RedisConnectionState.Connecting, RedisConnectionState.Connected, RedisConnectionState.Reconnecting, RedisConnectionState.Connected], states);
        Assert.True(await points.FlushAsync(Ct));
        var errors = await influx.Server.QueryAsync(Database, "SELECT * FROM subscription_error");
        Assert.Equal(("relay", RedisErrorCodes.ConnectionLost, "1"), (errors[0]["service"], errors[0]["error_code"], errors[0]["count"]));
        Assert.All(errors, e => Assert.Contains(e["error_code"], new[] { RedisErrorCodes.ConnectionLost, RedisErrorCodes.ConnectionRefused }));
        var messages = await influx.Server.QueryAsync(Database, "SELECT * FROM redis_message");
        Assert.All(messages, m => Assert.Equal(("rc:events", "relay"), (m["channel"], m["service"])));
        Assert.Subset(messages.Select(m => m["request_id"]).ToHashSet(), before.Concat(after).Select(m => m.RequestId!).ToHashSet());
        Assert.Equal(subscriber.MessagesReceived, messages.Count);
    }

    [Fact]
    public async Task SubscribeAsync_WrongPassword_AuthFailedAndPointRecorded()
    {
        await using var redis = new RedisServer(password: "right");
        await redis.StartAsync();
        var recorder = new RecordingPointRecorder();
        var options = RedisConnectionOptions.Parse($"127.0.0.1:{redis.Port},password=wrong");
        await using var subscriber = new RedisSubscriber(options, new RedisSubscriberOptions { ServiceName = "relay" }, recorder);

        var error = await Assert.ThrowsAsync<RedisConnectionException>(() => subscriber.SubscribeAsync("auth:1", Ct));

        Assert.Equal(RedisErrorCodes.AuthFailed, error.ErrorCode);
        Assert.Contains("rejected AUTH: WRONGPASS", error.Message, StringComparison.Ordinal);
        Assert.Equal(("relay", RedisErrorCodes.AuthFailed), recorder.Errors.First());
        Assert.NotEqual(RedisConnectionState.Connected, subscriber.State);
    }

    private static async Task<long> TryPublishAsync(RedisClient client, string channel, string message)
    {
        try
        {
            return await client.PublishAsync(channel, message, Ct);
        }
        catch (RedisConnectionException)
        {
            return -1; // the client's own connection died with the server; the next call reconnects
        }
    }

    private static async Task<List<RedisMessage>> ReadUntilAsync(RedisSubscriber subscriber, string payload, int count)
    {
        var found = new List<RedisMessage>();
        while (found.Count < count)
        {
            var message = await subscriber.Messages.ReadAsync(Ct);
            if (message.PayloadText == payload)
            {
                found.Add(message);
            }
        }
        return found;
    }
}
