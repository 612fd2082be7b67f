using System.Globalization;
using System.Net.Sockets;
using System.Security.Authentication;

namespace Monitoring.Lib.Redis.Internal;

/// <summary>
/// Opens a <see cref="RespConnection"/> for the command client and the subscriber alike: the end points in order, each
/// with TCP connect, TLS handshake when asked and AUTH within connectTimeout; the first that works is returned.
/// </summary>
internal static class RespConnector
{
    public static async Task<RespConnection> ConnectAsync(RedisConnectionOptions options, CancellationToken cancellationToken)
    {
        var endPoints = options.EndPoints;
        var failures = new List<RedisConnectionException>(endPoints.Count);
        foreach (var endPoint in endPoints)
        {
            try
            {
                return await OpenAsync(options, endPoint, cancellationToken).ConfigureAwait(false);
            }
            // A refused AUTH is an answer: the other servers share the password, so trying them would only fail again.
            catch (RedisConnectionException ex) when (endPoints.Count > 1 && ex.ErrorCode != RedisErrorCodes.AuthFailed)
            {
                failures.Add(ex);
            }
        }
        var last = failures[^1];
        throw new RedisConnectionException(last.ErrorCode,
            $"No Redis end point answered ({string.Join(" ", failures.Select(f => f.Message))})", new AggregateException(failures));
    }

    private static async Task<RespConnection> OpenAsync(RedisConnectionOptions options, RedisEndPoint endPoint, CancellationToken cancellationToken)
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
        RespConnection? connection = null;
        try
        {
            await socket.ConnectAsync(endPoint.Host, endPoint.Port, timeout.Token).ConfigureAwait(false);
            Stream stream = new NetworkStream(socket, ownsSocket: true);
            if (options.Ssl)
            {
                stream = await RespTls.AuthenticateAsync(stream, options, endPoint, timeout.Token).ConfigureAwait(false);
            }
            connection = new RespConnection(socket, stream, endPoint.ToString());
            if (options.Password is not null)
            {
                await AuthenticateAsync(connection, options, timeout.Token).ConfigureAwait(false);
            }
            return connection;
        }
        catch (Exception ex)
        {
            // The TLS stream, when there is one, was disposed by the handshake that failed or goes with the connection.
            socket.Dispose();
            connection?.ReleaseBuffers();
            if (Classify(ex, options, endPoint, cancellationToken) is { } failure)
            {
                throw failure;
            }
            throw;
        }
    }

    private static async Task AuthenticateAsync(RespConnection connection, RedisConnectionOptions options, CancellationToken cancellationToken)
    {
        string[] arguments = options.User is null ? [options.Password!] : [options.User, options.Password!];
        await connection.SendAsync(static (w, a) => RespWriter.WriteCommand(w, "AUTH", a), arguments, cancellationToken).ConfigureAwait(false);
        var reply = await connection.ReadAsync(cancellationToken).ConfigureAwait(false);
        if (reply.IsError)
        {
            throw new RedisConnectionException(RedisErrorCodes.AuthFailed,
                $"Redis at {connection.EndPoint} rejected AUTH: {reply.Text}. Check the password in the connection string.");
        }
    }

    private static RedisConnectionException? Classify(Exception error, RedisConnectionOptions options, RedisEndPoint endPoint, CancellationToken cancellationToken) => error switch
    {
        OperationCanceledException when !cancellationToken.IsCancellationRequested => new RedisConnectionException(RedisErrorCodes.Timeout,
            string.Create(CultureInfo.InvariantCulture,
                $"Connecting to Redis at {endPoint} took longer than connectTimeout ({options.ConnectTimeout.TotalMilliseconds} ms)."), error),
        SocketException socket => new RedisConnectionException(
            socket.SocketErrorCode == SocketError.ConnectionRefused ? RedisErrorCodes.ConnectionRefused : RedisErrorCodes.ConnectionLost,
            $"Cannot connect to Redis at {endPoint}: {socket.Message}", error),
        AuthenticationException => new RedisConnectionException(RedisErrorCodes.TlsFailed,
            $"The TLS handshake with Redis at {endPoint} failed: {error.Message} Check ssl= and sslHost= in the connection string and that the server's certificate is trusted.", error),
        IOException => new RedisConnectionException(RedisErrorCodes.ConnectionLost,
            $"Redis at {endPoint} closed the connection while it was being opened: {error.Message}", error),
        _ => null,
    };
}
