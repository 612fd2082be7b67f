using System.Collections.Concurrent;
using Monitoring.Lib.Metrics;
using Monitoring.Lib.Redis;

namespace Monitoring.Samples.WebProducer;

/// <summary>
/// One Redis pattern subscription (<c>events:*</c>) for the whole process, fanned out to the WebSocket clients of
/// each account. The subscriber reconnects and re-subscribes by itself; a client's queue drops its oldest events
/// when the client is too slow, so one slow socket never holds up the others. Drops are counted in
/// <c>ws_events_dropped</c> (no label: an account label would grow without bound) and logged once per client.
/// </summary>
public sealed partial class AccountEvents(RedisSubscriber subscriber, FormsProducerOptions options, MetricsManager metrics, ILogger<AccountEvents> logger) : IHostedService
{
    /// <summary>The counter of events dropped from slow clients' queues.</summary>
    public const string DroppedMetric = "ws_events_dropped";

    private readonly ConcurrentDictionary<string, ConcurrentDictionary<ClientQueue, byte>> _clients = new(StringComparer.Ordinal);
    private readonly CounterSeries _dropped = metrics.CreateCounter(
        DroppedMetric, "Events dropped from a slow WebSocket client's full queue, oldest first.").WithLabels();

    /// <summary>How many WebSocket clients are connected now.</summary>
    public int ClientCount => _clients.Values.Sum(c => c.Count);

    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        subscriber.Handler = DispatchAsync;
        subscriber.RequestIdExtractor = message => AccountEvent.Parse(message.Payload).RequestId is { Length: > 0 } id ? id : null;
        try
        {
            await subscriber.PSubscribeAsync(options.EventChannelPrefix + "*", cancellationToken);
        }
        catch (TimeoutException ex)
        {
            // The subscription stays registered and is made as soon as Redis answers; /health shows Redis meanwhile.
            LogSubscribeLate(logger, ex, options.EventChannelPrefix + "*");
        }
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken)
    {
        foreach (var client in _clients.Values.SelectMany(c => c.Keys))
        {
            client.Complete();
        }
        return Task.CompletedTask;
    }

    /// <summary>Registers a client of <paramref name="accountId"/>; read its events from the returned queue, then <see cref="Remove"/> it.</summary>
    internal ClientQueue Add(string accountId)
    {
        var queue = new ClientQueue(accountId, options.ClientBufferCapacity, _dropped, logger);
        _clients.GetOrAdd(accountId, _ => new ConcurrentDictionary<ClientQueue, byte>())[queue] = 0;
        return queue;
    }

    internal void Remove(ClientQueue queue)
    {
        if (_clients.TryGetValue(queue.AccountId, out var queues))
        {
            queues.TryRemove(queue, out _);
        }
        if (queue.Dropped > 0)
        {
            LogClientDroppedInAll(logger, queue.AccountId, queue.Dropped);
        }
    }

    private ValueTask DispatchAsync(RedisMessage message, CancellationToken cancellationToken)
    {
        var accountId = message.Channel.StartsWith(options.EventChannelPrefix, StringComparison.Ordinal)
            ? message.Channel[options.EventChannelPrefix.Length..] : null;
        if (accountId is not null && _clients.TryGetValue(accountId, out var queues) && !queues.IsEmpty)
        {
            var accountEvent = AccountEvent.Parse(message.Payload);
            foreach (var queue in queues.Keys)
            {
                queue.TryWrite(accountEvent);
            }
        }
        return ValueTask.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "A WebSocket client of account {AccountId} left after losing {Dropped} events to its full queue")]
    private static partial void LogClientDroppedInAll(ILogger logger, string accountId, long dropped);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis did not confirm the subscription to {Pattern} at start; it is made when Redis answers")]
    private static partial void LogSubscribeLate(ILogger logger, Exception exception, string pattern);
}
