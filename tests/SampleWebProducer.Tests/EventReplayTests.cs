using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace MonitoringStack.SampleWebProducer.Tests;

/// <summary>An event published while the producer was reconnecting to Redis: pub/sub drops it, the event log does not.</summary>
[Collection(ProducerServersGroup.Name)]
public sealed class EventReplayTests(ProducerServers servers)
{
    [Fact]
    public async Task Ws_RedisKilledAndBack_EventLoggedWhileTheProducerReconnects_ReachesTheSocketOnce()
    {
        // Its own redis-server, since it is killed: the collection's stays up for the other tests.
        await using var redisServer = new RedisServer(name: "redis-replay");
        await redisServer.StartAsync();
        var settings = servers.AppSettings();
        settings["ConnectionStrings:redis"] = redisServer.ConnectionString;
        await using var app = await ProducerApp.StartAsync(settings);
        var account = "acc_replay_" + Guid.NewGuid().ToString("N")[..8];
        using var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("X-Api-Key", ProducerServers.ApiKey);
        await socket.ConnectAsync(new Uri($"ws://{app.Address.Authority}/ws?account_id={account}"), TestContext.Current.CancellationToken);

        await redisServer.KillAsync();
        // Restarted only once the producer has seen Redis go (its subscriber check turns Degraded): a Redis back before
        // that would look to the producer as if it had never left, and nothing would be replayed.
        await Eventually.TrueAsync(async () => await app.Client.GetStringAsync(new Uri("/health", UriKind.Relative)) == "Degraded",
            TimeSpan.FromSeconds(15), "the producer to report Redis gone (Degraded)");
        await redisServer.StartAsync();
        // What the consumer leaves for a form published while the producer had not subscribed again: the live PUBLISH
        // reached nobody (left out here, so that only the log can deliver it), the log entry stays.
        var requestId = "replayed-" + Guid.NewGuid().ToString("N");
        var payload = $$"""{"request_id":"{{requestId}}","account_id":"{{account}}","produced_at":1796060000000,"form":{} }""";
        using (var redis = await redisServer.ConnectAsync())
        {
            var database = redis.GetDatabase();
            await database.StreamAddAsync($"events:{account}:log", "event", payload);
        }

        var received = await ReceiveAsync(socket, TimeSpan.FromSeconds(15));
        var again = await ReceiveAsync(socket, TimeSpan.FromSeconds(3));

        Assert.Equal(requestId, received is null ? null : JsonDocument.Parse(received).RootElement.GetProperty("request_id").GetString());
        Assert.Null(again);
        Assert.Contains($"ws_events_replayed{{app=\"sample-web-producer\"}} 1\n", app.Metrics.GetText(), StringComparison.Ordinal);
    }

    private static async Task<string?> ReceiveAsync(ClientWebSocket socket, TimeSpan timeout)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cts.CancelAfter(timeout);
        var buffer = new byte[16 * 1024];
        try
        {
            var result = await socket.ReceiveAsync(buffer, cts.Token);
            return Encoding.UTF8.GetString(buffer, 0, result.Count);
        }
        catch (OperationCanceledException) when (!TestContext.Current.CancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }
}
