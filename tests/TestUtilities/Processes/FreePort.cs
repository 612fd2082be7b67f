using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Monitoring.TestUtilities;

/// <summary>
/// Free loopback ports for servers, never the same one twice in this process (two resources must not get one port).
/// </summary>
/// <remarks>
/// A port from <c>bind(0)</c> comes from the kernel's ephemeral range, the same range every outgoing connection
/// takes its source port from: between our check and the server's own bind, a health probe or a client connection
/// can take the port. So ports are drawn at random from below that range (which outgoing connections never use) and
/// checked by binding them. Only when the system leaves no room below the range does it fall back to <c>bind(0)</c>.
/// </remarks>
public static class FreePort
{
    private const int LowestPort = 10_000;
    private const int MinimumWindow = 1_000;
    private const int Attempts = 200;
    private static readonly HashSet<int> Given = [];
    private static readonly int EphemeralStart = ReadEphemeralStart();

    public static int Next()
    {
        var useWindow = EphemeralStart - LowestPort >= MinimumWindow;
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var candidate = useWindow ? Random.Shared.Next(LowestPort, EphemeralStart) : 0;
            var port = TryBind(candidate);
            if (port == 0)
            {
                continue;
            }
            lock (Given)
            {
                if (Given.Add(port))
                {
                    return port;
                }
            }
        }
        throw new InvalidOperationException(
            $"No free loopback port found in {Attempts} attempts between {LowestPort} and {EphemeralStart - 1}.");
    }

    // 0 when the port is taken; the bound port otherwise (the kernel's choice when candidate is 0).
    private static int TryBind(int candidate)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            socket.Bind(new IPEndPoint(IPAddress.Loopback, candidate));
            return ((IPEndPoint)socket.LocalEndPoint!).Port;
        }
        catch (SocketException ex) when (ex.SocketErrorCode is SocketError.AddressAlreadyInUse or SocketError.AccessDenied)
        {
            return 0;
        }
    }

    private static int ReadEphemeralStart()
    {
        const string RangeFile = "/proc/sys/net/ipv4/ip_local_port_range";
        const int LinuxDefault = 32_768;
        try
        {
            var first = File.ReadAllText(RangeFile).Split((char[])['\t', ' ', '\n'], StringSplitOptions.RemoveEmptyEntries)[0];
            return int.Parse(first, CultureInfo.InvariantCulture);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return LinuxDefault;
        }
    }
}
