using Microsoft.Extensions.Logging;
using Monitoring.Lib.Redis.Internal;

namespace Monitoring.Lib.Redis;

/// <summary>The subscriber's connection loop: connect, re-subscribe, read until failure, back off, again.</summary>
public sealed partial class RedisSubscriber
{
    private async Task RunAsync(CancellationToken stop)
    {
        var failures = 0;
        var everConnected = false;
        SetState(RedisConnectionState.Connecting);
        while (!stop.IsCancellationRequested)
        {
            RespConnection? connection = null;
            try
            {
                _healthy = false;
                connection = await RespConnector.ConnectAsync(_connection, stop).ConfigureAwait(false);
                string[] channels, patterns;
                lock (_sync)
                {
                    // Snapshot and publish the connection under one lock: a subscribe that comes later sees the
                    // connection and sends its own command, so no name falls between the two.
                    channels = [.. _channels];
                    patterns = [.. _patterns];
                    _current = connection;
                }
                await SendAllAsync(connection, "SUBSCRIBE", channels, stop).ConfigureAwait(false);
                await SendAllAsync(connection, "PSUBSCRIBE", patterns, stop).ConfigureAwait(false);
                SetState(RedisConnectionState.Connected);
                await ReadLoopAsync(connection, everConnected ? failures : 0, stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                // Counted since the last connection that worked: one that opens but is refused every time (a missing
                // password) must still back off and not log each attempt as a new outage.
                failures = _healthy ? 1 : failures + 1;
                everConnected |= _healthy;
                OnFailure(ex, failures);
                SetState(RedisConnectionState.Reconnecting);
                var delay = ReconnectBackoff.Delay(failures, _options.ReconnectMinDelay, _options.ReconnectMaxDelay, Random.Shared.NextDouble());
                try
                {
                    await Task.Delay(delay, stop).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
            finally
            {
                lock (_sync)
                {
                    if (_current == connection)
                    {
                        _current = null;
                    }
                }
                connection?.Close();
                connection?.ReleaseBuffers();
            }
        }
    }

    private static async Task SendAllAsync(RespConnection connection, string command, string[] names, CancellationToken stop)
    {
        if (names.Length > 0)
        {
            await connection.SendAsync(static (w, s) => RespWriter.WriteCommand(w, s.Command, s.Names), (Command: command, Names: names), stop).ConfigureAwait(false);
        }
    }

    private async Task ReadLoopAsync(RespConnection connection, int failuresBefore, CancellationToken stop)
    {
        while (true)
        {
            var reply = await connection.ReadAsync(stop).ConfigureAwait(false);
            if (reply.IsError)
            {
                var text = reply.Text ?? "";
                var code = text.StartsWith("NOAUTH", StringComparison.Ordinal) || text.StartsWith("WRONGPASS", StringComparison.Ordinal)
                    ? RedisErrorCodes.AuthFailed
                    : RedisErrorCodes.SubscribeFailed;
                throw new RedisConnectionException(code, $"Redis at {connection.EndPoint} refused a subscription: {text}");
            }
            if (reply.Kind != RedisReplyKind.Array || reply.Elements.Count < 3)
            {
                throw new RedisConnectionException(RedisErrorCodes.ProtocolError, $"Redis at {connection.EndPoint} sent {reply} on a subscriber connection.");
            }
            if (!_healthy)
            {
                // The first valid reply proves the connection works, not just that it opened.
                _healthy = true;
                if (failuresBefore > 0)
                {
                    Interlocked.Increment(ref _reconnects);
                    LogReconnected(connection.EndPoint, failuresBefore);
                }
            }
            var e = reply.Elements;
            var kind = e[0].Bytes.Span;
            if (kind.SequenceEqual("message"u8))
            {
                await DeliverAsync(new RedisMessage(e[1].Text ?? "", null, e[2].Bytes), stop).ConfigureAwait(false);
            }
            else if (kind.SequenceEqual("pmessage"u8) && e.Count >= 4)
            {
                await DeliverAsync(new RedisMessage(e[2].Text ?? "", e[1].Text, e[3].Bytes), stop).ConfigureAwait(false);
            }
            else if (kind.SequenceEqual("subscribe"u8) || kind.SequenceEqual("psubscribe"u8))
            {
                Confirm(kind[0] == 'p', e[1].Text ?? "");
            }
        }
    }

    private async Task DeliverAsync(RedisMessage message, CancellationToken stop)
    {
        Interlocked.Increment(ref _received);
        if (_requestIdExtractor is { } extract)
        {
            try
            {
                message.RequestId = extract(message);
            }
            catch (Exception ex)
            {
                LogCallbackFailed(ex, nameof(RequestIdExtractor), message.Channel);
            }
        }
        if (_handler is { } handler)
        {
            try
            {
                await handler(message, stop).ConfigureAwait(false);
            }
            catch (Exception ex) when (!stop.IsCancellationRequested)
            {
                LogCallbackFailed(ex, nameof(Handler), message.Channel);
            }
            Record(message);
            return;
        }
        // Recorded before the reader can see the message, so the id it reads is the one in the point.
        Record(message);
        await _messages.Writer.WriteAsync(message, stop).ConfigureAwait(false);
    }

    private void Record(RedisMessage message)
    {
        var requestId = message.RequestId ??= Guid.NewGuid().ToString("N");
        _recorder?.RecordMessage(_options.ServiceName, message.Channel, requestId);
    }

    private void Confirm(bool pattern, string name)
    {
        lock (_sync)
        {
            if (_acks.Remove((pattern, name), out var ack))
            {
                ack.TrySetResult();
            }
        }
    }

    private void OnFailure(Exception error, int failures)
    {
        var code = error switch
        {
            RedisConnectionException connection => connection.ErrorCode,
            TimeoutException => RedisErrorCodes.Timeout,
            _ => RedisErrorCodes.ConnectionLost,
        };
        _recorder?.RecordSubscriptionError(_options.ServiceName, code);
        if (failures == 1 || failures % _options.LogEveryNthFailure == 0)
        {
            LogFailure(error, _connection.EndPointList, code, failures);
        }
        else
        {
            LogFailureDebug(_connection.EndPointList, code, failures, error.Message);
        }
        if (code is RedisErrorCodes.AuthFailed or RedisErrorCodes.SubscribeFailed)
        {
            // Retrying cannot fix a refusal by itself: tell the callers waiting for a confirmation now, not at their timeout.
            TaskCompletionSource[] acks;
            lock (_sync)
            {
                acks = [.. _acks.Values];
                _acks.Clear();
            }
            foreach (var ack in acks)
            {
                ack.TrySetException(error);
            }
        }
    }

    private void SetState(RedisConnectionState state)
    {
        if (Interlocked.Exchange(ref _state, (int)state) == (int)state)
        {
            return;
        }
        try
        {
            StateChanged?.Invoke(state);
        }
        catch (Exception ex)
        {
            LogCallbackFailed(ex, nameof(StateChanged), state.ToString());
        }
    }

    [LoggerMessage(1, LogLevel.Warning, "Redis subscription to {EndPoint} failed ({ErrorCode}, attempt {Failures}); reconnecting with backoff")]
    private partial void LogFailure(Exception error, string endPoint, string errorCode, int failures);

    [LoggerMessage(2, LogLevel.Debug, "Redis subscription to {EndPoint} still failing ({ErrorCode}, attempt {Failures}): {Message}")]
    private partial void LogFailureDebug(string endPoint, string errorCode, int failures, string message);

    [LoggerMessage(3, LogLevel.Information, "Redis subscription to {EndPoint} is back after {Failures} failed attempts; every channel and pattern re-subscribed")]
    private partial void LogReconnected(string endPoint, int failures);

    [LoggerMessage(4, LogLevel.Error, "Redis subscriber {Callback} failed for {Channel}")]
    private partial void LogCallbackFailed(Exception error, string callback, string channel);
}
