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

    /// <summary>How many WebSocket clients are connected now.</summary>
    public int ClientCount => _accounts.Values.Sum(a => a.Queues.Count);

    /// <summary>How many clients of <paramref name="accountId"/> are connected to this replica now.</summary>
    internal int ClientsOf(string accountId) => _accounts.TryGetValue(accountId, out var account) ? account.Queues.Count : 0;

    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken)
    {
        subscriber.Handler = DispatchAsync;
        subscriber.RequestIdExtractor = message => AccountEvent.Parse(message.Payload).RequestId is { Length: > 0 } id ? id : null;
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken)
    {
        foreach (var client in _accounts.Values.SelectMany(a => a.Queues.Keys))
        {
            client.Complete();
        }
        return Task.CompletedTask;
    }

    /// <summary>
    /// Registers a client of <paramref name="accountId"/>, subscribing to its channel if it is the account's first here;
    /// read its events from the returned queue, then <see cref="RemoveAsync"/> it. When Redis does not confirm in time the
    /// subscription stays registered and is made once Redis answers (logged).
    /// </summary>
    /// <exception cref="RedisConnectionException">Redis refused the subscription; nothing stays registered.</exception>
    internal async Task<ClientQueue> AddAsync(string accountId, CancellationToken cancellationToken)
    {
        var queue = new ClientQueue(accountId, options.ClientBufferCapacity, _dropped, logger);
        while (true)
        {
            var account = _accounts.GetOrAdd(accountId, static _ => new AccountClients());
            await account.Gate.WaitAsync(cancellationToken);
            try
            {
                if (account.Retired)
                {
                    // Its last client left between the lookup and the gate: the next lookup finds or makes a live one.
                    continue;
                }
                account.Queues[queue] = 0;
                if (account.Queues.Count == 1)
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
    internal async Task RemoveAsync(ClientQueue queue)
    {
        if (_accounts.TryGetValue(queue.AccountId, out var account))
        {
            await account.Gate.WaitAsync(CancellationToken.None);
            try
            {
                if (account.Queues.TryRemove(queue, out _) && account.Queues.IsEmpty)
                {
                    await RetireAsync(account, queue.AccountId);
                }
            }
            finally
            {
                account.Gate.Release();
            }
        }
        if (queue.Dropped > 0)
        {
            LogClientDroppedInAll(logger, queue.AccountId, queue.Dropped);
        }
    }

    // Called holding the account's gate, so a subscribe and an unsubscribe of one channel never overlap.
    private async Task SubscribeAsync(AccountClients account, ClientQueue first, CancellationToken cancellationToken)
    {
        var channel = options.EventChannelPrefix + first.AccountId;
        try
        {
            await subscriber.SubscribeAsync(channel, cancellationToken);
        }
        catch (TimeoutException ex)
        {
            // Registered all the same: the subscriber makes it as soon as Redis answers; /health shows Redis meanwhile.
            LogSubscribeLate(logger, ex, channel);
        }
        catch (Exception)
        {
            account.Queues.TryRemove(first, out _);
            await RetireAsync(account, first.AccountId);
            throw;
        }
    }

    private async Task RetireAsync(AccountClients account, string accountId)
    {
        account.Retired = true;
        _accounts.TryRemove(KeyValuePair.Create(accountId, account));
        await subscriber.UnsubscribeAsync(options.EventChannelPrefix + accountId, CancellationToken.None);
    }

    private ValueTask DispatchAsync(RedisMessage message, CancellationToken cancellationToken)
    {
        var accountId = message.Channel.StartsWith(options.EventChannelPrefix, StringComparison.Ordinal)
            ? message.Channel[options.EventChannelPrefix.Length..] : null;
        if (accountId is not null && _accounts.TryGetValue(accountId, out var account) && !account.Queues.IsEmpty)
        {
            var accountEvent = AccountEvent.Parse(message.Payload);
            foreach (var queue in account.Queues.Keys)
            {
                queue.TryWrite(accountEvent);
            }
        }
        return ValueTask.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "A WebSocket client of account {AccountId} left after losing {Dropped} events to its full queue")]
    private static partial void LogClientDroppedInAll(ILogger logger, string accountId, long dropped);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis did not confirm the subscription to {Channel} in time; it is made when Redis answers")]
    private static partial void LogSubscribeLate(ILogger logger, Exception exception, string channel);

    /// <summary>One account's clients on this replica; the gate orders its subscribe and unsubscribe.</summary>
    private sealed class AccountClients
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);

        public ConcurrentDictionary<ClientQueue, byte> Queues { get; } = new();

        /// <summary>Set, under the gate, when the last client left and the entry was taken out of the map.</summary>
        public bool Retired { get; set; }
    }
}
