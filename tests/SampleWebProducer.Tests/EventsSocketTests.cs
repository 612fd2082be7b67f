using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using StackExchange.Redis;

namespace MonitoringStack.SampleWebProducer.Tests;

[Collection(ProducerServersGroup.Name)]
public sealed class EventsSocketTests(ProducerServers servers)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Ws_EventPublished_ReachesOnlyThatAccountRecordsTimesAndContinuesTheFormsTrace()
    {
        var (alice, bob) = ("alice_" + Guid.NewGuid().ToString("N")[..8], "bob_" + Guid.NewGuid().ToString("N")[..8]);
        var sends = new System.Collections.Concurrent.ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "MonitoringStack.SampleWebProducer",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = sends.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
        using var aliceSocket = await ConnectAsync(alice);
        using var bobSocket = await ConnectAsync(bob);
        using var redis = await servers.Redis.ConnectAsync();
        var producedAt = DateTimeOffset.UtcNow.AddMilliseconds(-250).ToUnixTimeMilliseconds();
        var (traceId, consumerSpan) = (ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom());
        var aliceEvent = $$"""{"request_id":"req-{{alice}}","account_id":"{{alice}}","produced_at":{{producedAt}},"traceparent":"00-{{traceId}}-{{consumerSpan}}-01","form":null}""";
        var bobEvent = $$"""{"request_id":"req-{{bob}}","account_id":"{{bob}}","produced_at":{{producedAt}},"form":null}""";

        // The producer subscribes to an account's channel before it opens the socket: Redis counts one receiver at once.
        Assert.Equal(1, await redis.GetSubscriber().PublishAsync(RedisChannel.Literal("events:" + alice), aliceEvent));
        Assert.Equal(1, await redis.GetSubscriber().PublishAsync(RedisChannel.Literal("events:" + bob), bobEvent));

        Assert.Equal(aliceEvent, await ReceiveAsync(aliceSocket));
        // Bob's first message is his own: Alice's event never reached his socket.
        Assert.Equal(bobEvent, await ReceiveAsync(bobSocket));
        var points = await Eventually.ReturnsAsync(
            () => servers.Influx.QueryAsync(ProducerServers.Database, $"SELECT * FROM ws_requests WHERE account_id = '{alice}'"),
            rows => rows.Count >= 1, Wait, "the ws_requests point");
        Assert.Equal($"req-{alice}", points[0]["request_id"]);
        // transport_time: Redis to socket, in seconds; end_to_end_latency_ms: from produced_at (250 ms before the publish).
        var transportSeconds = double.Parse(points[0]["transport_time"], CultureInfo.InvariantCulture);
        var endToEndMs = double.Parse(points[0]["end_to_end_latency_ms"], CultureInfo.InvariantCulture);
        Assert.InRange(endToEndMs, 250, Wait.TotalMilliseconds);
        Assert.InRange(transportSeconds, 0, endToEndMs / 1000);
        var redisPoints = await Eventually.ReturnsAsync(
            () => servers.Influx.QueryAsync(ProducerServers.Database, $"SELECT * FROM redis_message WHERE channel = 'events:{alice}'"),
            rows => rows.Count >= 1, Wait, "the redis_message point");
        Assert.Equal($"req-{alice}", redisPoints[0]["request_id"]);
        // The send to Alice is a span of the form's trace, a child of the consumer's span named in the event.
        var send = Assert.Single(sends, a => a.TraceId == traceId);
        Assert.Equal(("ws send", consumerSpan), (send.DisplayName, send.ParentSpanId));
        Assert.Equal(alice, send.GetTagItem("account_id"));
    }

    [Fact]
    public async Task Ws_AccountChannel_IsSubscribedOnlyWhileTheAccountHasAClient()
    {
        var carol = "carol_" + Guid.NewGuid().ToString("N")[..8];
        using var redis = await servers.Redis.ConnectAsync();
        Task<long> PublishAsync() => redis.GetSubscriber().PublishAsync(RedisChannel.Literal("events:" + carol), "{}");

        var beforeAnyClient = await PublishAsync();
        var first = await ConnectAsync(carol);
        var second = await ConnectAsync(carol);
        var withTwoClients = await PublishAsync();
        await first.CloseAsync(WebSocketCloseStatus.NormalClosure, null, TestContext.Current.CancellationToken);
        first.Dispose();
        // The server unregisters a client just after answering its close; the other client keeps the subscription.
        await Eventually.TrueAsync(() => Task.FromResult(servers.App.Events.ClientsOf(carol) == 1), Wait, "the first client unregistered");
        var withOneClient = await PublishAsync();
        await second.CloseAsync(WebSocketCloseStatus.NormalClosure, null, TestContext.Current.CancellationToken);
        second.Dispose();
        await Eventually.TrueAsync(async () => await PublishAsync() == 0, Wait, "the channel unsubscribed after the last client left");
        using var again = await ConnectAsync(carol);
        var afterReturning = await PublishAsync();

        Assert.Equal((0L, 1L, 1L, 1L), (beforeAnyClient, withTwoClients, withOneClient, afterReturning));
    }

    [Fact]
    public async Task Ws_InvalidAccountId_IsRefusedWith400()
    {
        // An authenticated caller's bad request: without credentials the answer is 401 before the account is looked at.
        using var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("X-Api-Key", ProducerServers.ApiKey);
        var uri = new Uri($"ws://{servers.App.Address.Authority}/ws?account_id=bad%20id");

        var error = await Assert.ThrowsAsync<WebSocketException>(() => socket.ConnectAsync(uri, TestContext.Current.CancellationToken));

        Assert.Contains("400", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ws_NoCredentials_RefusedWith401AndNothingSubscribed()
    {
        var accountId = "acc_nokey_" + Guid.NewGuid().ToString("N")[..8];
        using var redis = await servers.Redis.ConnectAsync();
        using var socket = new ClientWebSocket();

        var error = await Assert.ThrowsAsync<WebSocketException>(() => socket.ConnectAsync(SocketUri(accountId), TestContext.Current.CancellationToken));

        Assert.Contains("401", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, await redis.GetSubscriber().PublishAsync(RedisChannel.Literal("events:" + accountId), "nobody"));
    }

    [Fact]
    public async Task Ws_TokenFromPostWsTokens_OpensThatAccountOnly()
    {
        var accountId = "acc_token_" + Guid.NewGuid().ToString("N")[..8];
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/ws/tokens?account_id={accountId}");
        request.Headers.Add("X-Api-Key", ProducerServers.ApiKey);
        using var issued = await servers.App.Client.SendAsync(request, TestContext.Current.CancellationToken);
        using var answer = JsonDocument.Parse(await issued.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var token = Uri.EscapeDataString(answer.RootElement.GetProperty("token").GetString()!);

        using var opened = new ClientWebSocket();
        await opened.ConnectAsync(SocketUri(accountId, token), TestContext.Current.CancellationToken);
        using var otherAccount = new ClientWebSocket();
        var refused = await Assert.ThrowsAsync<WebSocketException>(
            () => otherAccount.ConnectAsync(SocketUri(accountId + "x", token), TestContext.Current.CancellationToken));

        Assert.Equal(HttpStatusCode.OK, issued.StatusCode);
        Assert.Equal(WebSocketState.Open, opened.State);
        Assert.Contains("401", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ws_ExpiredToken_RefusedWith401()
    {
        var settings = servers.AppSettings();
        settings["Forms:SocketTokenLifetime"] = "00:00:01";
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var app = await ProducerApp.StartAsync(settings, time);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/ws/tokens?account_id=acc_late");
        request.Headers.Add("X-Api-Key", ProducerServers.ApiKey);
        using var issued = await app.Client.SendAsync(request, TestContext.Current.CancellationToken);
        using var answer = JsonDocument.Parse(await issued.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var token = Uri.EscapeDataString(answer.RootElement.GetProperty("token").GetString()!);
        // Expiry has whole-second resolution: past it for sure two seconds later.
        time.Advance(TimeSpan.FromSeconds(2));

        using var socket = new ClientWebSocket();
        var error = await Assert.ThrowsAsync<WebSocketException>(
            () => socket.ConnectAsync(new Uri($"ws://{app.Address.Authority}/ws?account_id=acc_late&access_token={token}"), TestContext.Current.CancellationToken));

        Assert.Contains("401", error.Message, StringComparison.Ordinal);
    }

    private Uri SocketUri(string accountId, string? token = null) =>
        new($"ws://{servers.App.Address.Authority}/ws?account_id={accountId}" + (token is null ? "" : $"&access_token={token}"));

    private async Task<ClientWebSocket> ConnectAsync(string accountId)
    {
        var socket = new ClientWebSocket();
        // A server-side client: the API key in a header.
        socket.Options.SetRequestHeader("X-Api-Key", ProducerServers.ApiKey);
        await socket.ConnectAsync(SocketUri(accountId), TestContext.Current.CancellationToken);
        return socket;
    }

    private static async Task<string> ReceiveAsync(ClientWebSocket socket)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cts.CancelAfter(Wait);
        var buffer = new byte[16 * 1024];
        var result = await socket.ReceiveAsync(buffer, cts.Token);
        Assert.True(result.EndOfMessage);
        return Encoding.UTF8.GetString(buffer, 0, result.Count);
    }
}
