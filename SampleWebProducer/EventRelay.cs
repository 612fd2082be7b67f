using System.Collections.Concurrent;
using Monitoring.Lib.Metrics;
using Monitoring.Lib.Redis;
using MonitoringStack.SampleWebProducer.Contracts;
using StackExchange.Redis;

namespace MonitoringStack.SampleWebProducer;

/// <summary>
/// Fans the events of Redis channel <c>events:{account}</c> out to the WebSocket clients of that account on this
/// replica. The replica subscribes to an account's channel when its first client arrives and unsubscribes when the last
/// one leaves, so Redis sends it only events someone here reads: with a pattern over every account each replica
/// received, parsed and recorded (a <c>redis_message</c> point) every event of the system. The subscriber reconnects
/// and re-subscribes by itself; events published while it was reconnecting are read back from the accounts'
/// <see cref="AccountEventLog"/> streams (counted in <c>ws_events_replayed</c>), and an event is sent to a client once even
/// when it comes live and from the log. A client's queue drops its oldest events when the client is too slow, so one
/// slow socket never holds up the others. Drops are counted in <c>ws_events_dropped</c> (no label: an account label would
/// grow without bound) and logged once per client.
/// </summary>
public sealed partial class AccountEvents(
    RedisSubscriber subscriber, IConnectionMultiplexer redis, FormsProducerOptions options, MetricsManager metrics, ILogger<AccountEvents> logger)
    : IHostedService, IDisposable
{
    /// <summary>The counter of events dropped from slow clients' queues.</summary>
    public const string DroppedMetric = "ws_events_dropped";

    /// <summary>The counter of events read back from the <see cref="AccountEventLog"/> after the subscription was down.</summary>
    public const string ReplayedMetric = "ws_events_replayed";

    private readonly ConcurrentDictionary<string, AccountClients> _accounts = new(StringComparer.Ordinal);
    private readonly CounterSeries _dropped = metrics.CreateCounter(
        DroppedMetric, "Events dropped from a slow WebSocket client's full queue, oldest first.").WithLabels();
    private readonly CounterSeries _replayed = metrics.CreateCounter(
        ReplayedMetric, "Events sent to WebSocket clients from the event log because the Redis subscription was down when they were published.").WithLabels();
    private readonly ConcurrentBag<Task> _replays = [];
    private readonly CancellationTokenSource _stopping = new();

    /// <summary>How many clients of <paramref name="accountId"/> are connected to this replica now.</summary>
    internal int ClientsOf(string accountId) => _accounts.TryGetValue(accountId, out var account) ? account.Queues.Count : 0;

    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken)
    {
        redis.ConnectionFailed += OnConnectionFailed;
        redis.ConnectionRestored += OnConnectionRestored;
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        redis.ConnectionFailed -= OnConnectionFailed;
        redis.ConnectionRestored -= OnConnectionRestored;
        await _stopping.CancelAsync();
        foreach (var replay in _replays)
        {
            await replay.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
        foreach (var client in _accounts.Values.SelectMany(a => a.Queues.Keys))
        {
            client.Complete();
        }
    }

    /// <inheritdoc />
    public void Dispose() => _stopping.Dispose();

    // The handler of one account's subscription: called in order for that channel's messages.
    private static ValueTask DispatchAsync(AccountClients account, RedisMessage message)
    {
        var accountEvent = AccountEvent.Parse(message.Payload);
        // The form's request id, so the redis_message point joins the form's other points.
        message.RequestId = accountEvent.RequestId is { Length: > 0 } id ? id : null;
        Deliver(account, accountEvent, fromLog: false);
        return ValueTask.CompletedTask;
    }

    // Hands an event to the account's clients unless they already had it: the same event can come live and from the
    // log, or twice when the consumer handled its form twice (at-least-once). An event is its form's request id and
    // produced_at (a client may reuse a request id; not within the same millisecond). Without a request id it cannot be
    // told apart: sent when live, not when read back.
    private static bool Deliver(AccountClients account, AccountEvent accountEvent, bool fromLog)
    {
        var known = accountEvent.RequestId.Length == 0
            ? fromLog
            : !account.Sent.Add(accountEvent.RequestId, accountEvent.ProducedAtMs);
        if (known)
        {
            return false;
        }
        foreach (var queue in account.Queues.Keys)
        {
            queue.TryWrite(accountEvent);
        }
        return true;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "A WebSocket client of account {AccountId} left after losing {Dropped} events to its full queue")]
    private static partial void LogClientDroppedInAll(ILogger logger, string accountId, long dropped);
}
