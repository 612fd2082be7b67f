using Monitoring.Lib.Redis;

namespace MonitoringStack.SampleWebProducer;

/// <summary>
/// One account's Redis subscription on this replica (channel <c>events:{account}</c>): made when the account's first
/// client arrives, ended when its last one leaves, feeding <see cref="Sockets"/>. The gate orders a subscribe and an
/// unsubscribe of the channel, so they never overlap.
/// </summary>
internal sealed class AccountSubscription(string accountId, string channel)
{
    private IAsyncDisposable? _handle;

    public string AccountId { get; } = accountId;

    public AccountSockets Sockets { get; } = new();

    public SemaphoreSlim Gate { get; } = new(1, 1);

    /// <summary>Set, under the gate, when the last client left and the subscription was taken out of the relay's map.</summary>
    public bool Retired { get; private set; }

    /// <summary>Subscribes to the channel. Call holding the gate.</summary>
    public async Task SubscribeAsync(RedisSubscriber subscriber, CancellationToken cancellationToken) =>
        _handle = await subscriber.SubscribeAsync(channel, (message, _) => DispatchAsync(message), cancellationToken);

    /// <summary>Marks the subscription retired and unsubscribes, if it had subscribed. Call holding the gate.</summary>
    public async Task RetireAsync()
    {
        Retired = true;
        if (_handle is { } handle)
        {
            await handle.DisposeAsync();
        }
    }

    // Called by the subscriber in order for the channel's messages.
    private ValueTask DispatchAsync(RedisMessage message)
    {
        var relayedEvent = RelayedEvent.Parse(message.Payload);
        // The form's request id, so the redis_message point joins the form's other points.
        message.RequestId = relayedEvent.RequestId is { Length: > 0 } id ? id : null;
        Sockets.Deliver(relayedEvent, fromLog: false);
        return ValueTask.CompletedTask;
    }
}
