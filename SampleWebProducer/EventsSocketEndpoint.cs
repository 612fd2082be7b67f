using System.Diagnostics;
using System.Net.WebSockets;
using Microsoft.AspNetCore.Mvc;
using Monitoring.Lib.Influx;
using Monitoring.Lib.Metrics;
using MonitoringStack.SampleContracts;
using StackExchange.Redis;

namespace MonitoringStack.SampleWebProducer;

/// <summary>
/// <c>GET /ws?account_id=…</c>: a WebSocket that streams the events of Redis channel <c>events:{account_id}</c> as
/// text messages, to that account's clients only, and records a <c>ws_requests</c> point per message sent
/// (<c>transport_time</c>: seconds from receiving the event from Redis to finishing the send; <c>end_to_end_latency_ms</c>:
/// from the form's <c>produced_at</c> to the same moment). Each send is a <c>ws send</c> span of the form's trace. 401
/// (before anything about the account is touched) without the API key in <c>X-Api-Key</c> or an <c>access_token</c> for
/// the account (<see cref="ApiKeyAuthenticationHandler"/>, <see cref="SocketTokens"/>); 400 without a valid account id or
/// a WebSocket upgrade; 503 when Redis cannot make the account's subscription (unreachable, refused, or no
/// answer within the client's timeout).
/// </summary>
internal static class EventsSocketEndpoint
{
    public static async Task RunAsync(HttpContext context, MetricsManager metrics, EventRelay events, [FromServices] InfluxRecorder? recorder)
    {
        var accountId = context.Request.Query["account_id"].ToString();
        if (!context.WebSockets.IsWebSocketRequest || !FormContract.IsAccountId(accountId))
        {
            await FormsEndpoint.RefuseAsync(context, metrics, 400, "BadWebSocketRequest",
                "Open a WebSocket with ?account_id= matching ^[A-Za-z0-9_-]{1,64}$.", null);
            return;
        }
        SocketQueue queue;
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
            await StreamAsync(context, socket, queue, accountId, recorder, metrics.AppName);
        }
        finally
        {
            await events.RemoveAsync(queue);
        }
    }

    // A span of the form's trace (the event's traceparent, written by the consumer while it processed the form).
    private static Activity? StartSend(RelayedEvent relayedEvent, string accountId)
    {
        ActivityContext.TryParse(relayedEvent.TraceParent, null, isRemote: true, out var parent);
        var activity = SampleTracing.Source.StartActivity("ws send", ActivityKind.Producer, parent);
        activity?.SetTag("account_id", accountId);
        return activity;
    }

    private static void Record(InfluxRecorder? recorder, string service, string accountId, RelayedEvent relayedEvent)
    {
        if (recorder is null)
        {
            return;
        }
        double? endToEndMs = relayedEvent.ProducedAtMs is { } producedAt
            ? Math.Max(0, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - producedAt)
            : null;
        recorder.BeginWsRequest(service, accountId, Stopwatch.GetElapsedTime(relayedEvent.ReceivedAt).TotalSeconds, relayedEvent.RequestId, endToEndMs)
            .Record();
    }

    private static async Task StreamAsync(HttpContext context, WebSocket socket, SocketQueue queue, string accountId, InfluxRecorder? recorder, string service)
    {
        using var closed = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        var receiving = DrainUntilClosedAsync(socket, closed);
        try
        {
            await foreach (var relayedEvent in queue.Reader.ReadAllAsync(closed.Token))
            {
                using (var send = StartSend(relayedEvent, accountId))
                {
                    await socket.SendAsync(relayedEvent.Payload, WebSocketMessageType.Text, endOfMessage: true, closed.Token);
                }
                Record(recorder, service, accountId, relayedEvent);
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
}
