using System.Net;
using System.Net.Sockets;

namespace Monitoring.Hosting.Proxy;

public sealed partial class FrontAddress
{
    private long _accepted;

    private async Task AcceptLoopAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptSocketAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException
                || (ex is SocketException && cancellationToken.IsCancellationRequested))
            {
                return;
            }
            Interlocked.Increment(ref _accepted);
            if (_cut)
            {
                client.Dispose();
                continue;
            }
            _ = RelayAsync(client, cancellationToken);
        }
    }

    private async Task RelayAsync(Socket client, CancellationToken cancellationToken)
    {
        client.NoDelay = true;
        var upstream = await ConnectToNextLiveAsync(cancellationToken).ConfigureAwait(false);
        if (upstream is null || _cut)
        {
            // No replica took the connection: closing it is what a client of a service without endpoints sees.
            upstream?.Dispose();
            client.Dispose();
            return;
        }
        var relay = new Relay(client, upstream);
        lock (_lock)
        {
            _open.Add(relay);
        }
        try
        {
            await relay.RunAsync().ConfigureAwait(false);
        }
        finally
        {
            lock (_lock)
            {
                _open.Remove(relay);
            }
            relay.Close();
        }
    }

    /// <summary>Round-robin over the live replicas; when one refuses, the next one in turn is tried (failover).</summary>
    internal async Task<Socket?> ConnectToNextLiveAsync(CancellationToken cancellationToken)
    {
        var live = _targets().Where(t => t.IsLive).ToArray();
        if (live.Length == 0)
        {
            return null;
        }
        var first = (int)((uint)Interlocked.Increment(ref _next) % (uint)live.Length);
        for (var i = 0; i < live.Length; i++)
        {
            var target = live[(first + i) % live.Length];
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, target.Port), cancellationToken).ConfigureAwait(false);
                return socket;
            }
            catch (SocketException)
            {
                // The replica died since its state was read: try the next one.
                socket.Dispose();
            }
        }
        return null;
    }
}
