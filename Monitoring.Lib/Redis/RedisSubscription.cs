using StackExchange.Redis;

namespace Monitoring.Lib.Redis;

/// <summary>One subscription made by <see cref="RedisSubscriber"/>; dispose it to unsubscribe.</summary>
internal sealed class RedisSubscription : IAsyncDisposable
{
    private readonly ChannelMessageQueue _queue;
    private readonly Action<RedisSubscription, Exception?> _removed;
    private readonly CancellationTokenSource _stopping = new();
    private int _disposed;

    /// <param name="queue">The subscription's queue in StackExchange.Redis.</param>
    /// <param name="name">The channel or pattern.</param>
    /// <param name="removed">Told when the subscription ends, with the error if Redis could not be told.</param>
    internal RedisSubscription(ChannelMessageQueue queue, string name, Action<RedisSubscription, Exception?> removed)
    {
        _queue = queue;
        Name = name;
        _removed = removed;
    }

    /// <summary>The channel or pattern subscribed to.</summary>
    public string Name { get; }

    /// <summary>Cancelled when the subscription is disposed: the token its handler gets.</summary>
    internal CancellationToken Stopping => _stopping.Token;

    /// <summary>Unsubscribes (UNSUBSCRIBE or PUNSUBSCRIBE) and cancels the handler's token; a second call does nothing.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }
        await _stopping.CancelAsync().ConfigureAwait(false);
        Exception? error = null;
        try
        {
            await _queue.UnsubscribeAsync().ConfigureAwait(false);
        }
        catch (RedisException ex)
        {
            // Redis is unreachable: the client has dropped the subscription all the same (it is not renewed when the
            // connection comes back), so the owner logs it and the caller, often a request ending, is not failed.
            error = ex;
        }
        _removed(this, error);
        _stopping.Dispose();
    }
}
