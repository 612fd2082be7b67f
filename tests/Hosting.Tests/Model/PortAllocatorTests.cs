using System.Net;
using System.Net.Sockets;
using Monitoring.Hosting.Orchestration;

namespace Monitoring.Hosting.Tests.Model;

public sealed class PortAllocatorTests
{
    [Fact]
    public void Next_ManyCalls_DistinctFreeLoopbackPorts()
    {
        var ports = Enumerable.Range(0, 50).Select(_ => PortAllocator.Next()).ToList();

        Assert.Equal(50, ports.Distinct().Count());
        foreach (var port in ports.Take(5))
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();  // throws if the port was not free
            Assert.InRange(port, 1024, 65535);
        }
    }
}
