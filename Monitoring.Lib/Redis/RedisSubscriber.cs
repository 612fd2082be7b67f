using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Monitoring.Lib.Redis.Internal;

namespace Monitoring.Lib.Redis;

/// <summary>
/// SUBSCRIBE and PSUBSCRIBE on a dedicated connection that comes back by itself: after any failure it reconnects with
/// exponential backoff and jitter and re-subscribes every channel and pattern. Each message goes to <see cref="Handler"/>
/// or, without one, into the bounded <see cref="Messages"/> channel, and records a <c>redis_message</c> point; each
/// failure records a <c>subscription_error</c> point and is logged without flooding (see
/// <see cref="RedisSubscriberOptions.LogEveryNthFailure"/>).
/// </summary>
public sealed partial class RedisSubscriber : IAsyncDisposable
{
    private readonly RedisConnectionOptions _connection;
    private readonly RedisSubscriberOptions _options;
    private readonly IRedisPointRecorder? _recorder;
    private readonly ILogger _logger;
    private readonly Lock _sync = new();
    private readonly HashSet<string> _channels = new(StringComparer.Ordinal);
    private readonly HashSet<string> _patterns = new(StringComparer.Ordinal);
    private readonly Dictionary<(bool Pattern, string Name), TaskCompletionSource> _acks = [];
    private readonly Channel<RedisMessage> _messages;
    private readonly CancellationTokenSource _stop = new();
    private RespConnection? _current;
    private Task? _loop;
    private Func<RedisMessage, CancellationToken, ValueTask>? _handler;
    private Func<RedisMessage, string?>? _requestIdExtractor;
    private int _state;
    private bool _healthy;
    private long _reconnects;
    private long _received;

    /// <summary>Creates the subscriber; it connects on the first subscribe.</summary>
    /// <param name="connection">Where Redis is.</param>
    /// <param name="options">Service name, backoff and buffer settings; defaults when null.</param>
    /// <param name="recorder">Where points go; null records none (an app without InfluxDB).</param>
    /// <param name="logger">Logger; none when null.</param>
    public RedisSubscriber(RedisConnectionOptions connection, RedisSubscriberOptions? options = null, IRedisPointRecorder? recorder = null, ILogger<RedisSubscriber>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(connection);
        _connection = connection;
        _options = options ?? new RedisSubscriberOptions();
        _options.Validate();
        _recorder = recorder;
        _logger = logger ?? (ILogger)NullLogger.Instance;
        _messages = Channel.CreateBounded<RedisMessage>(new BoundedChannelOptions(_options.MessageBufferCapacity)
        {
            SingleWriter = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    /// <summary>Raised on the subscriber's loop whenever <see cref="State"/> changes; keep handlers short.</summary>
    public event Action<RedisConnectionState>? StateChanged;

    /// <summary>The connection's state now.</summary>
    public RedisConnectionState State => (RedisConnectionState)Volatile.Read(ref _state);

    /// <summary>Received messages when no <see cref="Handler"/> is set; completed when the subscriber is disposed.</summary>
    public ChannelReader<RedisMessage> Messages => _messages.Reader;

    /// <summary>How many times the connection came back after a failure.</summary>
    public long Reconnects => Interlocked.Read(ref _reconnects);

    /// <summary>How many messages arrived since the subscriber was created.</summary>
    public long MessagesReceived => Interlocked.Read(ref _received);

    /// <summary>
    /// Called for each message, in order, on the read loop (the next message is read once it returns); set before the
    /// first subscribe. Exceptions it throws are logged and do not stop the subscriber. Null (default): <see cref="Messages"/>.
    /// </summary>
    public Func<RedisMessage, CancellationToken, ValueTask>? Handler
    {
        get => _handler;
        set => _handler = BeforeStart(value);
    }

    /// <summary>Takes the request id of a message's <c>redis_message</c> point from its payload; set before the first subscribe. Null (default) or a null result: a handler may set one, else one is generated.</summary>
    public Func<RedisMessage, string?>? RequestIdExtractor
    {
        get => _requestIdExtractor;
        set => _requestIdExtractor = BeforeStart(value);
    }

    /// <summary>
    /// Subscribes to <paramref name="channel"/> and waits until Redis confirms it. The subscription stays registered
    /// until unsubscribed, and is renewed on every reconnect, even when this call times out.
    /// </summary>
    /// <exception cref="TimeoutException">Not confirmed within connectTimeout × end points + syncTimeout (Redis unreachable).</exception>
    /// <exception cref="RedisConnectionException">Redis refused it (for example <c>auth_failed</c>).</exception>
    public Task SubscribeAsync(string channel, CancellationToken cancellationToken = default) => AddAsync(false, channel, cancellationToken);

    /// <summary>Subscribes to the glob-style <paramref name="pattern"/> (PSUBSCRIBE); see <see cref="SubscribeAsync"/>.</summary>
    public Task PSubscribeAsync(string pattern, CancellationToken cancellationToken = default) => AddAsync(true, pattern, cancellationToken);

    /// <summary>Stops receiving <paramref name="channel"/> and stops renewing it.</summary>
    public Task UnsubscribeAsync(string channel, CancellationToken cancellationToken = default) => RemoveAsync(false, channel, cancellationToken);

    /// <summary>Stops receiving <paramref name="pattern"/> (PUNSUBSCRIBE) and stops renewing it.</summary>
    public Task PUnsubscribeAsync(string pattern, CancellationToken cancellationToken = default) => RemoveAsync(true, pattern, cancellationToken);

    /// <summary>Closes the connection, ends the loop and completes <see cref="Messages"/>.</summary>
    public async ValueTask DisposeAsync()
    {
        Task? loop;
        TaskCompletionSource[] acks;
        lock (_sync)
        {
            if (State == RedisConnectionState.Stopped && _stop.IsCancellationRequested)
            {
                return;
            }
            _stop.Cancel();
            _current?.Close();
            loop = _loop;
            acks = [.. _acks.Values];
            _acks.Clear();
        }
        if (loop is not null)
        {
            await loop.ConfigureAwait(false);
        }
        foreach (var ack in acks)
        {
            ack.TrySetException(new ObjectDisposedException(nameof(RedisSubscriber)));
        }
        _messages.Writer.TryComplete();
        SetState(RedisConnectionState.Stopped);
    }

    private async Task AddAsync(bool pattern, string name, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        TaskCompletionSource? ack;
        RespConnection? connection;
        lock (_sync)
        {
            ObjectDisposedException.ThrowIf(_stop.IsCancellationRequested, this);
            var names = pattern ? _patterns : _channels;
            if (!_acks.TryGetValue((pattern, name), out ack))
            {
                if (names.Contains(name) && State == RedisConnectionState.Connected)
                {
                    return;
                }
                ack = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                _acks[(pattern, name)] = ack;
            }
            names.Add(name);
            connection = _current;
            _loop ??= Task.Run(() => RunAsync(_stop.Token), CancellationToken.None);
        }
        if (connection is not null)
        {
            await TrySendAsync(connection, pattern ? "PSUBSCRIBE" : "SUBSCRIBE", name, cancellationToken).ConfigureAwait(false);
        }
        // Every end point may take its whole connectTimeout before the one that answers.
        var limit = (_connection.ConnectTimeout * _connection.EndPoints.Count) + _connection.SyncTimeout;
        try
        {
            await ack.Task.WaitAsync(limit, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException ex)
        {
            throw new TimeoutException(
                $"Redis at {_connection.EndPointList} has not confirmed {(pattern ? "PSUBSCRIBE" : "SUBSCRIBE")} {name} within {limit.TotalMilliseconds} ms (state {State}); it stays registered and is applied when the connection is back.", ex);
        }
    }

    private async Task RemoveAsync(bool pattern, string name, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        RespConnection? connection;
        lock (_sync)
        {
            (pattern ? _patterns : _channels).Remove(name);
            if (_acks.Remove((pattern, name), out var ack))
            {
                ack.TrySetCanceled(CancellationToken.None);
            }
            connection = _current;
        }
        if (connection is not null)
        {
            await TrySendAsync(connection, pattern ? "PUNSUBSCRIBE" : "UNSUBSCRIBE", name, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task TrySendAsync(RespConnection connection, string command, string name, CancellationToken cancellationToken)
    {
        try
        {
            await connection.SendAsync(static (w, s) => RespWriter.WriteCommand(w, s.Command, [s.Name]), (Command: command, Name: name), cancellationToken).ConfigureAwait(false);
        }
        catch (RedisConnectionException)
        {
            // Not lost: the read loop sees the same broken connection, records and logs it, and the reconnect sends
            // this (un)subscription with all the others.
        }
    }

    private T BeforeStart<T>(T value)
    {
        lock (_sync)
        {
            return _loop is null ? value : throw new InvalidOperationException("Set Handler and RequestIdExtractor before the first subscribe.");
        }
    }
}
