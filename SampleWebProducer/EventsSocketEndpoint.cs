using System.Net.WebSockets;
using System.Text.RegularExpressions;
using Monitoring.Lib.Influx;
using Monitoring.Lib.Metrics;
using StackExchange.Redis;

namespace Monitoring.Samples.WebProducer;

/// <summary>
/// <c>GET /ws?account_id=…</c>: a WebSocket that streams the events of Redis channel <c>events:{account_id}</c> as
/// text messages, to that account's clients only, and records a <c>ws_requests</c> point per message sent
/// (<c>transport_time</c> = now − the form's <c>produced_at</c>, in ms). 400 without a valid account id or a
/// WebSocket upgrade; 503 when Redis cannot make the account's subscription
/// (unreachable, refused, or no answer within the client's timeout).
/// </summary>
internal static partial class EventsSocketEndpoint
{
    public static async Task RunAsync(HttpContext context)
    {
        var accountId = context.Request.Query["account_id"].ToString();
        if (!context.WebSockets.IsWebSocketRequest || !AccountIdPattern().IsMatch(accountId))
        {
            await Results.Problem(statusCode: 400, title: "BadWebSocketRequest",
                detail: "Open a WebSocket with ?account_id= matching ^[A-Za-z0-9_-]{1,64}$.").ExecuteAsync(context);
            return;
        }
        var events = context.RequestServices.GetRequiredService<AccountEvents>();
        ClientQueue queue;
        try
        {
            // Subscribed before the socket opens: an event published once the client is connected reaches it.
            queue = await events.AddAsync(accountId, context.RequestAborted);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            await Results.Problem(statusCode: 503, title: "EventsUnavailable", detail: ex.Message).ExecuteAsync(context);
            return;
        }
        try
        {
            using var socket = await context.WebSockets.AcceptWebSocketAsync();
            await StreamAsync(context, socket, queue, accountId);
        }
        finally
        {
            await events.RemoveAsync(queue);
        }
    }

    private static async Task StreamAsync(HttpContext context, WebSocket socket, ClientQueue queue, string accountId)
    {
        var recorder = context.RequestServices.GetService<InfluxRecorder>();
        var service = context.RequestServices.GetRequiredService<MetricsManager>().AppName;
        using var closed = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        var receiving = DrainUntilClosedAsync(socket, closed);
        try
        {
            await foreach (var accountEvent in queue.Reader.ReadAllAsync(closed.Token))
            {
                await socket.SendAsync(accountEvent.Payload, WebSocketMessageType.Text, endOfMessage: true, closed.Token);
                var transportMs = accountEvent.ProducedAtMs is { } at ? Math.Max(0, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - at) : 0;
                recorder?.RecordWsRequest(service, accountId, transportMs, accountEvent.RequestId);
            }
            if (socket.State == WebSocketState.Open)
            {
                await socket.CloseOutputAsync(WebSocketCloseStatus.EndpointUnavailable, "server stopping", CancellationToken.None);
            }
        }
        catch (OperationCanceledException) when (closed.IsCancellationRequested)
        {
            // The client closed or went away: normal end of the session.
        }
        catch (WebSocketException)
        {
            // The connection broke mid-send: the same, seen from the sending side.
        }
        finally
        {
            await closed.CancelAsync();
            await receiving;
            if (socket.State == WebSocketState.CloseReceived)
            {
                // Completes the close handshake the client started.
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
            }
        }
    }

    private static async Task DrainUntilClosedAsync(WebSocket socket, CancellationTokenSource closed)
    {
        var buffer = new byte[1024];
        try
        {
            // Clients have nothing to say; reading is how a close or a broken connection is noticed.
            while (!closed.IsCancellationRequested)
            {
                var result = await socket.ReceiveAsync(buffer, closed.Token);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException)
        {
            // Ends the session below, whatever the reason.
        }
        await closed.CancelAsync();
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex AccountIdPattern();
}
