using System.Buffers;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Monitoring.Lib.Redis.Internal;

namespace Monitoring.Lib.Redis;

/// <summary>
/// A thread-safe Redis command client over one multiplexed connection (RESP2, over TLS when
/// <see cref="RedisConnectionOptions.Ssl"/>): concurrent callers share it and their replies come back in order. The
/// connection opens (with AUTH) on first use, to the first of <see cref="RedisConnectionOptions.EndPoints"/> that
/// answers; after any failure, including a reply slower than <see cref="RedisConnectionOptions.SyncTimeout"/>, it is
/// closed and the next command opens a new one, trying the end points from the first again.
/// </summary>
public sealed partial class RedisClient : IAsyncDisposable
{
    private readonly SemaphoreSlim _connectLock = new(1, 1);
    private readonly ILogger _logger;
    private CommandPipeline? _pipeline;
    private bool _disposed;

    /// <summary>Creates the client; nothing is connected until the first command.</summary>
    public RedisClient(RedisConnectionOptions options, ILogger<RedisClient>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options;
        _logger = logger ?? (ILogger)NullLogger.Instance;
    }

    /// <summary>Where the client connects.</summary>
    public RedisConnectionOptions Options { get; }

    /// <summary>Sends PING; returns the server's answer, <c>PONG</c>, or <paramref name="message"/> echoed.</summary>
    public async Task<string> PingAsync(string? message = null, CancellationToken cancellationToken = default)
    {
        var reply = message is null
            ? await ExecuteAsync("PING", [], cancellationToken).ConfigureAwait(false)
            : await ExecuteAsync("PING", [message], cancellationToken).ConfigureAwait(false);
        return reply.Text ?? "";
    }

    /// <summary>Publishes <paramref name="message"/> (UTF-8) on <paramref name="channel"/>; returns how many subscribers received it.</summary>
    public Task<long> PublishAsync(string channel, string message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        return PublishAsync(channel, Encoding.UTF8.GetBytes(message), cancellationToken);
    }

    /// <summary>Publishes the exact bytes of <paramref name="message"/> on <paramref name="channel"/>; returns how many subscribers received it.</summary>
    public async Task<long> PublishAsync(string channel, ReadOnlyMemory<byte> message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(channel);
        var reply = await SendAsync("PUBLISH", static (w, s) =>
        {
            RespWriter.WriteArrayHeader(w, 3);
            RespWriter.WriteBulk(w, "PUBLISH"u8);
            RespWriter.WriteBulk(w, s.Channel.AsSpan());
            RespWriter.WriteBulk(w, s.Message.Span);
        }, (Channel: channel, Message: message), cancellationToken).ConfigureAwait(false);
        return reply.Number;
    }

    /// <summary>GET: the value's bytes, or null when the key does not exist.</summary>
    public async Task<byte[]?> GetAsync(string key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        var reply = await ExecuteAsync("GET", [key], cancellationToken).ConfigureAwait(false);
        return reply.Kind == RedisReplyKind.Null ? null : reply.Bytes.ToArray();
    }

    /// <summary>GET as UTF-8 text, or null when the key does not exist.</summary>
    public async Task<string?> GetStringAsync(string key, CancellationToken cancellationToken = default)
    {
        var value = await GetAsync(key, cancellationToken).ConfigureAwait(false);
        return value is null ? null : Encoding.UTF8.GetString(value);
    }

    /// <summary>SET <paramref name="key"/> to <paramref name="value"/> (UTF-8), expiring after <paramref name="expiry"/> when given.</summary>
    public async Task SetAsync(string key, string value, TimeSpan? expiry = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(value);
        if (expiry is { } ttl)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(ttl, TimeSpan.FromMilliseconds(1), nameof(expiry));
            var ms = ((long)ttl.TotalMilliseconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
            await ExecuteAsync("SET", [key, value, "PX", ms], cancellationToken).ConfigureAwait(false);
            return;
        }
        await ExecuteAsync("SET", [key, value], cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Sends any command whose arguments are text and returns its reply.
    /// </summary>
    /// <exception cref="RedisServerException">Redis answered with an error.</exception>
    /// <exception cref="RedisConnectionException">The connection could not be opened, authenticated or kept.</exception>
    /// <exception cref="TimeoutException">No reply within <see cref="RedisConnectionOptions.SyncTimeout"/>.</exception>
    public Task<RedisReply> ExecuteAsync(string command, IReadOnlyList<string> arguments, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(command);
        ArgumentNullException.ThrowIfNull(arguments);
        return SendAsync(command, static (w, s) =>
        {
            RespWriter.WriteArrayHeader(w, s.Arguments.Count + 1);
            RespWriter.WriteBulk(w, s.Command.AsSpan());
            for (var i = 0; i < s.Arguments.Count; i++)
            {
                RespWriter.WriteBulk(w, s.Arguments[i].AsSpan());
            }
        }, (Command: command, Arguments: arguments), cancellationToken);
    }

    /// <summary>Closes the connection; commands still waiting fail with <see cref="RedisConnectionException"/>.</summary>
    public async ValueTask DisposeAsync()
    {
        await _connectLock.WaitAsync().ConfigureAwait(false);
        try
        {
            _disposed = true;
            if (_pipeline is not null)
            {
                await _pipeline.DisposeAsync().ConfigureAwait(false);
                _pipeline = null;
            }
        }
        finally
        {
            _connectLock.Release();
        }
    }

    private async Task<RedisReply> SendAsync<TState>(string command, Action<IBufferWriter<byte>, TState> write, TState state, CancellationToken cancellationToken)
    {
        var pipeline = await GetPipelineAsync(cancellationToken).ConfigureAwait(false);
        var reply = await pipeline.ExecuteAsync(command, write, state, Options.SyncTimeout, cancellationToken).ConfigureAwait(false);
        return reply.IsError ? throw new RedisServerException(command, reply.Text ?? "", pipeline.EndPoint) : reply;
    }

    private async ValueTask<CommandPipeline> GetPipelineAsync(CancellationToken cancellationToken)
    {
        var current = Volatile.Read(ref _pipeline);
        if (current is { IsFaulted: false })
        {
            return current;
        }
        await _connectLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_pipeline is { IsFaulted: false })
            {
                return _pipeline;
            }
            if (_pipeline is not null)
            {
                await _pipeline.DisposeAsync().ConfigureAwait(false);
                LogReconnecting(Options.EndPointList);
            }
            var connection = await RespConnector.ConnectAsync(Options, cancellationToken).ConfigureAwait(false);
            _pipeline = new CommandPipeline(connection);
            return _pipeline;
        }
        finally
        {
            _connectLock.Release();
        }
    }

    [LoggerMessage(1, LogLevel.Information, "Reopening the Redis connection to {EndPoint} after a failure")]
    private partial void LogReconnecting(string endPoint);
}
