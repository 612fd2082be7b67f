using System.Collections.Concurrent;
using Monitoring.Lib.Metrics;
using Monitoring.Lib.Redis;

namespace Monitoring.Samples.WebProducer;

/// <summary>
/// Fans the events of Redis channel <c>events:{account}</c> out to the WebSocket clients of that account on this
/// replica. The replica subscribes to an account's channel when its first client arrives and unsubscribes when the last
/// one leaves, so Redis sends it only events someone here reads: with a pattern over every account each replica
/// received, parsed and recorded (a <c>redis_message</c> point) every event of the system. The subscriber reconnects
/// and re-subscribes by itself; a client's queue drops its oldest events when the client is too slow, so one slow
/// socket never holds up the others. Drops are counted in <c>ws_events_dropped</c> (no label: an account label would
/// grow without bound) and logged once per client.
/// </summary>
public sealed partial class AccountEvents(RedisSubscriber subscriber, FormsProducerOptions options, MetricsManager metrics, ILogger<AccountEvents> logger) : IHostedService
{
    /// <summary>The counter of events dropped from slow clients' queues.</summary>
    public const string DroppedMetric = "ws_events_dropped";

    private readonly ConcurrentDictionary<string, AccountClients> _accounts = new(StringComparer.Ordinal);
    private readonly CounterSeries _dropped = metrics.CreateCounter(
        DroppedMetric, "Events dropped from a slow WebSocket client's full queue, oldest first.").WithLabels();

    /// <summary>How many clients of <paramref name="accountId"/> are connected to this replica now.</summary>
    internal int ClientsOf(string accountId) => _accounts.TryGetValue(accountId, out var account) ? account.Queues.Count : 0;

    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken)
    {
        foreach (var client in _accounts.Values.SelectMany(a => a.Queues.Keys))
        {
            client.Complete();
        }
        return Task.CompletedTask;
    }

    // The handler of one account's subscription: called in order for that channel's messages.
    private static ValueTask DispatchAsync(AccountClients account, RedisMessage message)
    {
        var accountEvent = AccountEvent.Parse(message.Payload);
        // The form's request id, so the redis_message point joins the form's other points.
        message.RequestId = accountEvent.RequestId is { Length: > 0 } id ? id : null;
        foreach (var queue in account.Queues.Keys)
        {
            queue.TryWrite(accountEvent);
        }
        return ValueTask.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "A WebSocket client of account {AccountId} left after losing {Dropped} events to its full queue")]
    private static partial void LogClientDroppedInAll(ILogger logger, string accountId, long dropped);
}
