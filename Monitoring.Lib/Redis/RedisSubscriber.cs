using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;

namespace Monitoring.Lib.Redis;

/// <summary>
/// Monitored pub/sub over a StackExchange.Redis connection (the <see cref="IConnectionMultiplexer"/> that Aspire's
/// <c>AddRedisClient</c> registers). Each subscription has its own handler, called for its messages one at a time in
/// order; each message records a <c>redis_message</c> point, each failure of the subscription connection and each
/// handler exception a <c>subscription_error</c> point. Reconnecting and re-subscribing after an outage are
/// StackExchange.Redis's own.
/// </summary>
public sealed partial class RedisSubscriber : IAsyncDisposable
{
    private readonly IConnectionMultiplexer _connection;
    private readonly RedisSubscriberOptions _options;
    private readonly IRedisPointRecorder? _recorder;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<RedisSubscription, byte> _subscriptions = new();
    private long _received;
    private long _failuresThisOutage;
    private int _disposed;

    /// <summary>Wraps <paramref name="connection"/>; nothing is subscribed until <see cref="SubscribeAsync"/>.</summary>
    /// <param name="connection">The Redis connection; it stays the caller's (not disposed here).</param>
    /// <param name="options">The points' service name and the log throttle; defaults when null.</param>
    /// <param name="recorder">Where points go; null records none (an app without InfluxDB).</param>
    /// <param name="logger">Logger; none when null.</param>
    /// <exception cref="ArgumentException">An option is invalid; the message names it and its value.</exception>
    internal RedisSubscriber(IConnectionMultiplexer connection, RedisSubscriberOptions? options = null, IRedisPointRecorder? recorder = null, ILogger<RedisSubscriber>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(connection);
        _connection = connection;
        _options = options ?? new RedisSubscriberOptions();
        _options.Validate();
        _recorder = recorder;
        _logger = logger ?? (ILogger)NullLogger.Instance;
        _connection.ConnectionFailed += OnConnectionFailed;
        _connection.ConnectionRestored += OnConnectionRestored;
    }

    /// <summary>How many messages arrived since the subscriber was created.</summary>
    public long MessagesReceived => Interlocked.Read(ref _received);

    /// <summary>
    /// Subscribes to <paramref name="channel"/> and waits until Redis confirms it; <paramref name="handler"/> then gets
    /// each message, one at a time, in order. Dispose the returned subscription to unsubscribe.
    /// </summary>
    /// <exception cref="RedisConnectionException">Redis is unreachable or refused the subscription (a <c>subscription_error</c> point is recorded).</exception>
    /// <exception cref="RedisTimeoutException">Redis did not confirm within the connection's sync timeout (a <c>timeout</c> point).</exception>
    public async Task<IAsyncDisposable> SubscribeAsync(string channel, Func<RedisMessage, CancellationToken, ValueTask> handler, CancellationToken cancellationToken = default) =>
        await AddAsync(channel, RedisChannel.Literal(channel), handler, cancellationToken).ConfigureAwait(false);

    /// <summary>Subscribes to the glob-style <paramref name="pattern"/> (PSUBSCRIBE); see <see cref="SubscribeAsync"/>.</summary>
    public async Task<IAsyncDisposable> PSubscribeAsync(string pattern, Func<RedisMessage, CancellationToken, ValueTask> handler, CancellationToken cancellationToken = default) =>
        await AddAsync(pattern, RedisChannel.Pattern(pattern), handler, cancellationToken).ConfigureAwait(false);

    /// <summary>Unsubscribes everything this subscriber subscribed and stops listening to the connection's events.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }
        _connection.ConnectionFailed -= OnConnectionFailed;
        _connection.ConnectionRestored -= OnConnectionRestored;
        foreach (var subscription in _subscriptions.Keys)
        {
            await subscription.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task<RedisSubscription> AddAsync(string name, RedisChannel channel, Func<RedisMessage, CancellationToken, ValueTask> handler, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(handler);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        ChannelMessageQueue queue;
        try
        {
            queue = await _connection.GetSubscriber().SubscribeAsync(channel).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            // Failures before this subscriber existed (the first connect) raised no event it heard: the caller's does.
            _recorder?.RecordSubscriptionError(_options.ServiceName, RedisErrorCodes.FromException(ex));
            throw;
        }
        var subscription = new RedisSubscription(queue, name, Removed);
        _subscriptions[subscription] = 0;
        queue.OnMessage(message => HandleAsync(message, handler, subscription.Stopping));
        return subscription;
    }

    private void Removed(RedisSubscription subscription, Exception? error)
    {
        _subscriptions.TryRemove(subscription, out _);
        if (error is not null)
        {
            LogUnsubscribeFailed(_logger, error, subscription.Name);
        }
    }

    private async Task HandleAsync(ChannelMessage received, Func<RedisMessage, CancellationToken, ValueTask> handler, CancellationToken stopping)
    {
        Interlocked.Increment(ref _received);
        var message = new RedisMessage(
            received.Channel.ToString(),
            received.SubscriptionChannel.IsPattern ? received.SubscriptionChannel.ToString() : null,
            (ReadOnlyMemory<byte>)received.Message);
        try
        {
            await handler(message, stopping).ConfigureAwait(false);
        }
        catch (Exception ex) when (!stopping.IsCancellationRequested || ex is not OperationCanceledException)
        {
            // A handler's bug must not end the subscription: the next message still arrives.
            _recorder?.RecordSubscriptionError(_options.ServiceName, RedisErrorCodes.HandlerFailed);
            LogHandlerFailed(_logger, ex, message.Channel);
        }
        _recorder?.RecordMessage(_options.ServiceName, message.Channel, message.RequestId ??= Guid.NewGuid().ToString("N"));
    }

    private void OnConnectionFailed(object? sender, ConnectionFailedEventArgs e)
    {
        // RESP3 carries pub/sub on the interactive connection; RESP2 has a connection of its own for it.
        if (e.ConnectionType != ConnectionType.Subscription && !(e.ConnectionType == ConnectionType.Interactive && UsesResp3()))
        {
            return;
        }
        var code = RedisErrorCodes.FromFailure(e.FailureType);
        _recorder?.RecordSubscriptionError(_options.ServiceName, code);
        var failures = Interlocked.Increment(ref _failuresThisOutage);
        if (failures == 1 || failures % _options.LogEveryNthFailure == 0)
        {
            LogConnectionFailed(_logger, e.Exception, e.EndPoint, code, failures);
        }
    }

    private void OnConnectionRestored(object? sender, ConnectionFailedEventArgs e)
    {
        if (e.ConnectionType == ConnectionType.Subscription || e.ConnectionType == ConnectionType.Interactive)
        {
            var failures = Interlocked.Exchange(ref _failuresThisOutage, 0);
            if (failures > 0)
            {
                LogConnectionRestored(_logger, e.EndPoint, failures);
            }
        }
    }

    private bool UsesResp3() => _connection.GetServers().Any(server => server.Protocol == RedisProtocol.Resp3);

    [LoggerMessage(Level = LogLevel.Error, Message = "A Redis message handler for {Channel} failed; the subscription goes on")]
    private static partial void LogHandlerFailed(ILogger logger, Exception exception, string channel);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis could not be told to unsubscribe {Name}; the client dropped the subscription and will not renew it")]
    private static partial void LogUnsubscribeFailed(ILogger logger, Exception exception, string name);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis subscription connection to {EndPoint} failed ({ErrorCode}, failure {Failures} of this outage); StackExchange.Redis reconnects and re-subscribes")]
    private static partial void LogConnectionFailed(ILogger logger, Exception? exception, System.Net.EndPoint? endPoint, string errorCode, long failures);

    [LoggerMessage(Level = LogLevel.Information, Message = "Redis connection to {EndPoint} restored after {Failures} failures; subscriptions renewed")]
    private static partial void LogConnectionRestored(ILogger logger, System.Net.EndPoint? endPoint, long failures);
}
