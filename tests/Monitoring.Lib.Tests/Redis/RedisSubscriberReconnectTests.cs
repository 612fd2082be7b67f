using Monitoring.Lib.Redis;
using Monitoring.Lib.Tests.Influx;
using StackExchange.Redis;
using static Monitoring.Lib.Tests.Redis.RedisSubscriberTests;

namespace Monitoring.Lib.Tests.Redis;

/// <summary>A redis-server killed under a live subscriber and started again on the same port; points go to a real influxd.</summary>
[Collection(InfluxServerGroup.Name)]
public sealed class RedisSubscriberReconnectTests(InfluxServerFixture influx)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Subscriber_ServerKilledAndRestarted_LibraryResubscribesAndPointsReachInflux()
    {
        const string Database = "redis_reconnect";
        await influx.Server.CreateDatabaseAsync(Database);
        using var points = RecorderTests.Create(influx.Server.Url, options: o => o.Database = Database);
        await using var server = new RedisServer();
        await server.StartAsync();
        using var redis = await server.ConnectAsync();
        await using var subscriber = new RedisSubscriber(redis, new RedisSubscriberOptions { ServiceName = "relay" }, new InfluxRedisPointRecorder(points));
        var received = Received(out var handler);
        await using var channel = await subscriber.SubscribeAsync("rc:events", handler, Ct);
        await using var pattern = await subscriber.PSubscribeAsync("rc:*", handler, Ct);
        Assert.Equal(2, await Publish(redis, "rc:events", "before"));
        var before = await ReadUntilAsync(received, "before", 2);

        await server.KillAsync();
        await Eventually.TrueAsync(() => !redis.IsConnected, Wait, "the client to notice Redis is gone");
        await server.StartAsync();

        // The server itself proves the re-subscription: PUBLISH answers how many subscriptions (channel + pattern) got it.
        await Eventually.TrueAsync(async () => await TryPublishAsync(redis, "rc:events", "probe") == 2, Wait, "both subscriptions to be back on the restarted Redis");
        Assert.Equal(2, await Publish(redis, "rc:events", "after ☕"));
        var after = await ReadUntilAsync(received, "after ☕", 2);

        Assert.Equal([null, "rc:*"], after.Select(m => m.Pattern).Order());
        Assert.True(await points.FlushAsync(Ct));
        var errors = await influx.Server.QueryAsync(Database, "SELECT * FROM subscription_error");
        // The outage is on record; whether StackExchange.Redis reports the break as lost or the first reconnect as refused
        // depends on which it notices first.
        Assert.NotEmpty(errors);
        Assert.All(errors, e => Assert.Equal("relay", e["service"]));
        Assert.All(errors, e => Assert.Contains(e["error_code"], new[] { RedisErrorCodes.ConnectionLost, RedisErrorCodes.ConnectionRefused }));
        var messages = await influx.Server.QueryAsync(Database, "SELECT * FROM redis_message");
        Assert.All(messages, m => Assert.Equal(("rc:events", "relay"), (m["channel"], m["service"])));
        Assert.Subset(messages.Select(m => m["request_id"]).ToHashSet(), before.Concat(after).Select(m => m.RequestId!).ToHashSet());
        Assert.Equal(subscriber.MessagesReceived, messages.Count);
    }

    [Fact]
    public async Task SubscribeAsync_WrongPassword_ThrowsAndRecordsTheFailure()
    {
        await using var server = new RedisServer(password: "right");
        await server.StartAsync();
        var recorder = new RecordingPointRecorder();
        var configuration = ConfigurationOptions.Parse($"127.0.0.1:{server.Port},password=wrong");
        configuration.AbortOnConnectFail = false;
        configuration.ConnectTimeout = 3000;
        configuration.AsyncTimeout = 2000;
        using var redis = await ConnectionMultiplexer.ConnectAsync(configuration);
        await using var subscriber = new RedisSubscriber(redis, new RedisSubscriberOptions { ServiceName = "relay" }, recorder);

        var error = await Assert.ThrowsAsync<RedisConnectionException>(() => subscriber.SubscribeAsync("auth:1", (_, _) => ValueTask.CompletedTask, Ct));

        // StackExchange.Redis calls it AuthenticationFailure when the refusal came back before its connect timeout,
        // UnableToConnect on a loaded machine where it did not; either way the point carries the exception's code.
        Assert.Contains(error.FailureType, new[] { ConnectionFailureType.AuthenticationFailure, ConnectionFailureType.UnableToConnect });
        Assert.Equal(("relay", RedisErrorCodes.FromException(error)), recorder.Errors.First());
    }

    private static async Task<long> TryPublishAsync(IConnectionMultiplexer redis, string channel, string message)
    {
        try
        {
            return await Publish(redis, channel, message);
        }
        catch (RedisConnectionException)
        {
            return -1; // not reconnected yet
        }
    }

    private static async Task<List<RedisMessage>> ReadUntilAsync(System.Threading.Channels.ChannelReader<RedisMessage> received, string payload, int count)
    {
        var found = new List<RedisMessage>();
        while (found.Count < count)
        {
            var message = await received.ReadAsync(Ct);
            if (message.PayloadText == payload)
            {
                found.Add(message);
            }
        }
        return found;
    }
}
