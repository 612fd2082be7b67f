using System.Buffers;
using System.Globalization;
using System.Net.Sockets;

namespace Monitoring.Lib.Redis.Internal;

/// <summary>
/// One TCP connection speaking RESP2: connect with a timeout, AUTH, serialized writes, and reads of whole replies.
/// Every failure surfaces as a <see cref="RedisConnectionException"/> whose code says what went wrong.
/// </summary>
internal sealed class RespConnection : IAsyncDisposable
{
    private readonly Socket _socket;
    private readonly RespReader _reader = new();
    private readonly ArrayBufferWriter<byte> _output = new(256);
    private readonly SemaphoreSlim _writeLock = new(1, 1);

    private RespConnection(Socket socket, string endPoint)
    {
        _socket = socket;
        EndPoint = endPoint;
    }

    public string EndPoint { get; }

    public static async Task<RespConnection> ConnectAsync(RedisConnectionOptions options, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.ConnectTimeout);
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        // A subscriber only reads: without keep-alive probes a peer that vanished without closing (network cut, host
        // gone) would never be noticed. Probes after 30 s idle, then every 5 s, 3 misses: dead within about 45 s.
        socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.KeepAlive, true);
        socket.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveTime, 30);
        socket.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveInterval, 5);
        socket.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveRetryCount, 3);
        var connection = new RespConnection(socket, options.EndPoint);
        try
        {
            await socket.ConnectAsync(options.Host, options.Port, timeout.Token).ConfigureAwait(false);
            if (options.Password is not null)
            {
                string[] arguments = options.User is null ? [options.Password] : [options.User, options.Password];
                await connection.SendAsync(static (w, a) => RespWriter.WriteCommand(w, "AUTH", a), arguments, timeout.Token).ConfigureAwait(false);
                var reply = await connection.ReadAsync(timeout.Token).ConfigureAwait(false);
                if (reply.IsError)
                {
                    throw new RedisConnectionException(RedisErrorCodes.AuthFailed,
                        $"Redis at {options.EndPoint} rejected AUTH: {reply.Text}. Check the password in the connection string.");
                }
            }
            return connection;
        }
        catch (Exception ex)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            connection.ReleaseBuffers();
            if (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested)
            {
                throw new RedisConnectionException(RedisErrorCodes.Timeout, string.Create(CultureInfo.InvariantCulture,
                    $"Connecting to Redis at {options.EndPoint} took longer than connectTimeout ({options.ConnectTimeout.TotalMilliseconds} ms)."), ex);
            }
            if (ex is SocketException socketError)
            {
                var code = socketError.SocketErrorCode == SocketError.ConnectionRefused ? RedisErrorCodes.ConnectionRefused : RedisErrorCodes.ConnectionLost;
                throw new RedisConnectionException(code, $"Cannot connect to Redis at {options.EndPoint}: {socketError.Message}", ex);
            }
            throw;
        }
    }

    /// <summary>Writes one or more commands with <paramref name="write"/> and sends them, one writer at a time.</summary>
    public async ValueTask SendAsync<TState>(Action<IBufferWriter<byte>, TState> write, TState state, CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            _output.ResetWrittenCount();
            write(_output, state);
            await _socket.SendAsync(_output.WrittenMemory, SocketFlags.None, cancellationToken).ConfigureAwait(false);
        }
        catch (SocketException ex)
        {
            throw Lost(ex);
        }
        catch (ObjectDisposedException ex)
        {
            throw Lost(ex);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>Reads the next whole reply. Only one reader at a time (each connection has one read loop).</summary>
    public async ValueTask<RedisReply> ReadAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                if (_reader.TryRead(out var reply))
                {
                    return reply;
                }
                var received = await _socket.ReceiveAsync(_reader.GetMemory(), SocketFlags.None, cancellationToken).ConfigureAwait(false);
                if (received == 0)
                {
                    throw new RedisConnectionException(RedisErrorCodes.ConnectionLost, $"Redis at {EndPoint} closed the connection.");
                }
                _reader.Advance(received);
            }
        }
        catch (InvalidDataException ex)
        {
            throw new RedisConnectionException(RedisErrorCodes.ProtocolError, $"Redis at {EndPoint} sent invalid RESP: {ex.Message}", ex);
        }
        catch (SocketException ex)
        {
            throw Lost(ex);
        }
        catch (ObjectDisposedException ex)
        {
            throw Lost(ex);
        }
    }

    public ValueTask DisposeAsync()
    {
        Close();
        return ValueTask.CompletedTask;
    }

    /// <summary>Closes the socket at once, ending a pending receive or send with an error.</summary>
    public void Close()
    {
        // Closing the socket ends a pending receive; the reader's pooled buffer is returned by the read loop's owner
        // only after that loop has stopped, so it is not freed here while a receive may still write into it.
        _socket.Dispose();
    }

    /// <summary>Returns the read buffer to the pool; call after the read loop has ended.</summary>
    public void ReleaseBuffers() => _reader.Dispose();

    private RedisConnectionException Lost(Exception ex) =>
        new(RedisErrorCodes.ConnectionLost, $"The connection to Redis at {EndPoint} was lost: {ex.Message}", ex);
}
