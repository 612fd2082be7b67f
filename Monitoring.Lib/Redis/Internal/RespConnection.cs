using System.Buffers;
using System.Net.Sockets;

namespace Monitoring.Lib.Redis.Internal;

/// <summary>
/// One open connection speaking RESP2 (plain TCP or TLS over it): serialized writes and reads of whole replies.
/// <see cref="RespConnector"/> opens it. Every failure surfaces as a <see cref="RedisConnectionException"/> whose code
/// says what went wrong.
/// </summary>
internal sealed class RespConnection : IAsyncDisposable
{
    private readonly Socket _socket;
    private readonly Stream _stream;
    private readonly RespReader _reader = new();
    private readonly ArrayBufferWriter<byte> _output = new(256);
    private readonly SemaphoreSlim _writeLock = new(1, 1);

    public RespConnection(Socket socket, Stream stream, string endPoint)
    {
        _socket = socket;
        _stream = stream;
        EndPoint = endPoint;
    }

    /// <summary>The <c>host:port</c> this connection reached, for messages.</summary>
    public string EndPoint { get; }

    /// <summary>Writes one or more commands with <paramref name="write"/> and sends them, one writer at a time.</summary>
    public async ValueTask SendAsync<TState>(Action<IBufferWriter<byte>, TState> write, TState state, CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            _output.ResetWrittenCount();
            write(_output, state);
            await _stream.WriteAsync(_output.WrittenMemory, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException)
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
                var received = await _stream.ReadAsync(_reader.GetMemory(), cancellationToken).ConfigureAwait(false);
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
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException)
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
        // Closing the socket ends a pending receive (also one inside the TLS stream, which sits on this socket); the
        // reader's pooled buffer is returned by the read loop's owner only after that loop has stopped, so it is not
        // freed here while a receive may still write into it.
        _socket.Dispose();
    }

    /// <summary>Returns the read buffer to the pool and frees the TLS state; call after the read loop has ended.</summary>
    public void ReleaseBuffers()
    {
        _stream.Dispose();
        _reader.Dispose();
    }

    private RedisConnectionException Lost(Exception ex) =>
        new(RedisErrorCodes.ConnectionLost, $"The connection to Redis at {EndPoint} was lost: {ex.Message}", ex);
}
