using System.Net;
using System.Net.Sockets;

namespace Monitoring.Hosting.Orchestration;

/// <summary>Free loopback ports, never the same one twice in this process (two resources must not get one port).</summary>
internal static class PortAllocator
{
    private static readonly HashSet<int> Given = [];

    public static int Next()
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            var port = ((IPEndPoint)listener.LocalEndPoint!).Port;
            lock (Given)
            {
                if (Given.Add(port))
                {
                    return port;
                }
            }
        }
        throw new InvalidOperationException("No free loopback port found in 50 attempts.");
    }
}
