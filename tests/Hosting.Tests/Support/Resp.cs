using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Monitoring.Hosting.Tests.Support;

/// <summary>A raw RESP connection to Redis (no Redis client package restores here): send a command, read one reply.</summary>
internal sealed class Resp : IAsyncDisposable
{
    private readonly Socket _socket;
    private readonly NetworkStream _stream;
    private readonly StreamReader _reader;

    private Resp(Socket socket)
    {
        _socket = socket;
        _stream = new NetworkStream(socket, ownsSocket: true);
        _reader = new StreamReader(_stream, Encoding.UTF8);
    }

    public static async Task<Resp> ConnectAsync(string connectionString)
    {
        var port = int.Parse(connectionString.Split(',')[0].Split(':')[1], System.Globalization.CultureInfo.InvariantCulture);
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port));
        return new Resp(socket);
    }

    public async Task SendAsync(params string[] parts)
    {
        var command = new StringBuilder().Append('*').Append(parts.Length).Append("\r\n");
        foreach (var part in parts)
        {
            command.Append('$').Append(Encoding.UTF8.GetByteCount(part)).Append("\r\n").Append(part).Append("\r\n");
        }
        await _stream.WriteAsync(Encoding.UTF8.GetBytes(command.ToString()));
    }

    /// <summary>Reads one reply; arrays are flattened into their elements' text.</summary>
    public async Task<List<string>> ReadAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var line = await _reader.ReadLineAsync(timeout.Token) ?? throw new IOException("Redis closed the connection");
        switch (line[0])
        {
            case '*':
                var items = new List<string>();
                for (var i = 0; i < int.Parse(line[1..], System.Globalization.CultureInfo.InvariantCulture); i++)
                {
                    items.AddRange(await ReadAsync());
                }
                return items;
            case '$':
                return [await _reader.ReadLineAsync(timeout.Token) ?? ""];
            default:
                return [line];
        }
    }

    public async ValueTask DisposeAsync()
    {
        _reader.Dispose();
        await _stream.DisposeAsync();
        _socket.Dispose();
    }
}
