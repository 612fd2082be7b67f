using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Monitoring.Hosting.Tests.Proxy;

/// <summary>A loopback TCP server that writes its id and a newline to each connection, then keeps it open until the client leaves.</summary>
internal sealed class IdServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private Task _loop = Task.CompletedTask;

    private IdServer(string id) => Id = id;

    public string Id { get; }

    public int Port { get; private set; }

    public static IdServer Start(string id)
    {
        var server = new IdServer(id);
        server._listener.Start();
        server.Port = ((IPEndPoint)server._listener.LocalEndpoint).Port;
        server._loop = server.AcceptAsync();
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        if (_stop.IsCancellationRequested)
        {
            return;
        }
        await _stop.CancelAsync();
        _listener.Stop();
        await _loop;
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await _listener.AcceptSocketAsync(_stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }
            _ = ServeAsync(socket);
        }
    }

    private async Task ServeAsync(Socket socket)
    {
        using (socket)
        {
            try
            {
                await socket.SendAsync(Encoding.ASCII.GetBytes(Id + "\n"));
                var buffer = new byte[64];
                while (await socket.ReceiveAsync(buffer) > 0)
                {
                }
            }
            catch (SocketException)
            {
                // The client went away: nothing to serve.
            }
        }
    }
}
