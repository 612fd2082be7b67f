using System.Collections.Concurrent;
using Monitoring.Lib.Metrics;
using Monitoring.Lib.Redis;
using MonitoringStack.SampleContracts;
using StackExchange.Redis;

namespace MonitoringStack.SampleWebProducer;

/// <summary>
/// Relays the events of Redis channel <c>events:{account}</c> to the WebSocket clients of that account on this replica.
/// An account's channel is subscribed while it has clients here (<see cref="AccountSubscription"/>), so Redis sends this
/// replica only the events someone here reads: with a pattern over every account each replica received, parsed and
/// recorded (a <c>redis_message</c> point) every event of the system. The subscriber reconnects and re-subscribes by
/// itself; events published meanwhile are read back from the accounts' logs (<see cref="SubscriptionReplay"/>). Each
/// client has a bounded queue (<see cref="SocketQueue"/>) that drops its oldest events when the client is too slow, so
/// one slow socket never holds up the others; drops are counted in <c>ws_events_dropped</c> (no label: an account label
/// would grow without bound) and logged once per client.
/// </summary>
public sealed partial class EventRelay : IHostedService, IDisposable
{
    /// <summary>The counter of events dropped from slow clients' queues.</summary>
    public const string DroppedMetric = "ws_events_dropped";

    /// <summary>The counter of events read back from the <see cref="AccountEventLog"/> after the subscription was down.</summary>
    public const string ReplayedMetric = "ws_events_replayed";

    private readonly ConcurrentDictionary<string, AccountSubscription> _accounts = new(StringComparer.Ordinal);
    private readonly RedisSubscriber _subscriber;
    private readonly FormsProducerOptions _options;
    private readonly ILogger<EventRelay> _logger;
    private readonly CounterSeries _dropped;
    private readonly SubscriptionReplay _replay;

    /// <summary>Creates the relay; it listens for Redis reconnects from <see cref="StartAsync"/>.</summary>
    public EventRelay(RedisSubscriber subscriber, IConnectionMultiplexer redis, FormsProducerOptions options, MetricsManager metrics, ILogger<EventRelay> logger)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        (_subscriber, _options, _logger) = (subscriber, options, logger);
        _dropped = metrics.CreateCounter(DroppedMetric, "Events dropped from a slow WebSocket client's full queue, oldest first.").WithLabels();
        var replayed = metrics.CreateCounter(
            ReplayedMetric, "Events sent to WebSocket clients from the event log because the Redis subscription was down when they were published.").WithLabels();
        _replay = new SubscriptionReplay(redis, options, () => _accounts.Values, replayed, logger);
    }

    /// <summary>How many clients of <paramref name="accountId"/> are connected to this replica now.</summary>
    internal int ClientsOf(string accountId) => _accounts.TryGetValue(accountId, out var account) ? account.Sockets.Count : 0;

    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _replay.Start();
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _replay.StopAsync();
        foreach (var queue in _accounts.Values.SelectMany(account => account.Sockets.Queues))
        {
            queue.Complete();
        }
    }

    /// <inheritdoc />
    public void Dispose() => _replay.Dispose();

    /// <summary>
    /// Registers a client of <paramref name="accountId"/>, subscribing to its channel if it is the account's first here;
    /// read its events from the returned queue, then <see cref="RemoveAsync"/> it.
    /// </summary>
    /// <exception cref="RedisException">Redis is unreachable or refused the subscription; nothing stays registered.</exception>
    /// <exception cref="TimeoutException">Redis did not confirm the subscription in time; nothing stays registered.</exception>
    internal async Task<SocketQueue> AddAsync(string accountId, CancellationToken cancellationToken)
    {
        var queue = new SocketQueue(accountId, _options.ClientBufferCapacity, _dropped, _logger);
        while (true)
        {
            var account = _accounts.GetOrAdd(accountId, id => new AccountSubscription(id, _options.EventChannelPrefix + id));
            await account.Gate.WaitAsync(cancellationToken);
            try
            {
                if (account.Retired)
                {
                    // Its last client left between the lookup and the gate: the next lookup finds or makes a live one.
                    continue;
                }
                account.Sockets.Add(queue);
                if (account.Sockets.Count == 1)
                {
                    await SubscribeAsync(account, queue, cancellationToken);
                }
                return queue;
            }
            finally
            {
                account.Gate.Release();
            }
        }
    }

    /// <summary>Unregisters a client; the account's channel is unsubscribed when it was the last one here.</summary>
    internal async Task RemoveAsync(SocketQueue queue)
    {
        if (_accounts.TryGetValue(queue.AccountId, out var account))
        {
            await account.Gate.WaitAsync(CancellationToken.None);
            try
            {
                if (account.Sockets.Remove(queue) && account.Sockets.IsEmpty)
                {
                    await RetireAsync(account);
                }
            }
            finally
            {
                account.Gate.Release();
            }
        }
        if (queue.Dropped > 0)
        {
            LogClientDroppedInAll(_logger, queue.AccountId, queue.Dropped);
        }
    }

    // Called holding the account's gate.
    private async Task SubscribeAsync(AccountSubscription account, SocketQueue first, CancellationToken cancellationToken)
    {
        try
        {
            await account.SubscribeAsync(_subscriber, cancellationToken);
        }
        catch (Exception)
        {
            account.Sockets.Remove(first);
            await RetireAsync(account);
            throw;
        }
    }

    // Called holding the account's gate: out of the map first, so a newcomer makes a fresh subscription.
    private async Task RetireAsync(AccountSubscription account)
    {
        _accounts.TryRemove(KeyValuePair.Create(account.AccountId, account));
        await account.RetireAsync();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "A WebSocket client of account {AccountId} left after losing {Dropped} events to its full queue")]
    private static partial void LogClientDroppedInAll(ILogger logger, string accountId, long dropped);
}
