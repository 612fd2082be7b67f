using System.Collections.Concurrent;
using Monitoring.Lib.Redis;

namespace MonitoringStack.SampleWebProducer;

// Clients coming and going, and the per-account subscriptions they make and end.
public sealed partial class AccountEvents
{
    /// <summary>
    /// Registers a client of <paramref name="accountId"/>, subscribing to its channel if it is the account's first here;
    /// read its events from the returned queue, then <see cref="RemoveAsync"/> it.
    /// </summary>
    /// <exception cref="StackExchange.Redis.RedisException">Redis is unreachable or refused the subscription; nothing stays registered.</exception>
    /// <exception cref="TimeoutException">Redis did not confirm the subscription in time; nothing stays registered.</exception>
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
        try
        {
            account.Subscription = await subscriber.SubscribeAsync(
                options.EventChannelPrefix + first.AccountId, (message, _) => DispatchAsync(account, message), cancellationToken);
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
        if (account.Subscription is { } subscription)
        {
            await subscription.DisposeAsync();
        }
    }

    /// <summary>One account's clients on this replica; the gate orders its subscribe and unsubscribe.</summary>
    private sealed class AccountClients
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);

        public ConcurrentDictionary<ClientQueue, byte> Queues { get; } = new();

        /// <summary>Set, under the gate, when the last client left and the entry was taken out of the map.</summary>
        public bool Retired { get; set; }

        /// <summary>The account channel's subscription, made by its first client and ended with its last.</summary>
        public IAsyncDisposable? Subscription { get; set; }

        /// <summary>Request ids of the events sent lately, so an event read back from the log is not sent twice.</summary>
        public RecentIds Sent { get; } = new(1_024);
    }
}
