using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Monitoring.Hosting.Servers;

/// <summary>A raw RESP PING (after AUTH when a password is set): no Redis client package restores here.</summary>
internal static class RespProbe
{
    public static async Task<bool> PingAsync(int port, string? password, CancellationToken cancellationToken)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port), cancellationToken).ConfigureAwait(false);
        await using var stream = new NetworkStream(socket, ownsSocket: false);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        if (password is not null)
        {
            await SendAsync(stream, cancellationToken, "AUTH", password).ConfigureAwait(false);
            if (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) != "+OK")
            {
                return false;
            }
        }
        await SendAsync(stream, cancellationToken, "PING").ConfigureAwait(false);
        return await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) == "+PONG";
    }

    private static async Task SendAsync(Stream stream, CancellationToken cancellationToken, params string[] parts)
    {
        var command = new StringBuilder().Append('*').Append(parts.Length).Append("\r\n");
        foreach (var part in parts)
        {
            command.Append('$').Append(Encoding.UTF8.GetByteCount(part)).Append("\r\n").Append(part).Append("\r\n");
        }
        await stream.WriteAsync(Encoding.UTF8.GetBytes(command.ToString()), cancellationToken).ConfigureAwait(false);
    }
}
