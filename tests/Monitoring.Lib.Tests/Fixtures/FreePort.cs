using System.Net;
using System.Net.Sockets;

namespace Monitoring.Lib.Tests.Fixtures;

/// <summary>Finds loopback ports that are free right now, so fixtures never depend on fixed ports.</summary>
internal static class FreePort
{
    public static int Next()
    {
        // Binding port 0 lets the kernel choose; the port stays free after we close the listener
        // because nothing else on this machine picks ports from the ephemeral range by number.
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
