using System.Buffers;
using System.Net.Sockets;

namespace Monitoring.Hosting.Proxy;

/// <summary>Copies bytes both ways between a client and a replica until both sides are done, or until closed.</summary>
internal sealed class Relay(Socket client, Socket upstream)
{
    private const int BufferSize = 16 * 1024;

    public Task RunAsync() => Task.WhenAll(PumpAsync(client, upstream), PumpAsync(upstream, client));

    public void Close()
    {
        client.Dispose();
        upstream.Dispose();
    }

    private async Task PumpAsync(Socket from, Socket to)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            while (true)
            {
                var read = await from.ReceiveAsync(buffer.AsMemory(), SocketFlags.None).ConfigureAwait(false);
                if (read == 0)
                {
                    // Half-close: the other side may still answer what it was sent.
                    to.Shutdown(SocketShutdown.Send);
                    return;
                }
                await to.SendAsync(buffer.AsMemory(0, read), SocketFlags.None).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            // One side reset or the relay was cut: end both directions.
            Close();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
