using System.Collections.Concurrent;
using Monitoring.Lib.Redis;

namespace Monitoring.Samples.WebProducer;

// Clients coming and going, and the per-account subscriptions they make and end.
public sealed partial class AccountEvents
{
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
