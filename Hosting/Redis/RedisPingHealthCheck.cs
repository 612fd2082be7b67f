using System.Net;
using System.Net.Sockets;
using System.Text;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Monitoring.Hosting.Redis;

/// <summary>Healthy when redis-server answers PING with +PONG: a listening socket alone may still be loading.</summary>
internal sealed class RedisPingHealthCheck(EndpointReference endpoint) : IHealthCheck
{
    private static readonly byte[] Ping = "*1\r\n$4\r\nPING\r\n"u8.ToArray();

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, endpoint.Port), cancellationToken).ConfigureAwait(false);
            await using var stream = new NetworkStream(socket, ownsSocket: false);
            await stream.WriteAsync(Ping, cancellationToken).ConfigureAwait(false);
            using var reader = new StreamReader(stream, Encoding.ASCII);
            var answer = await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false);
            return answer == "+PONG"
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy($"PING answered '{answer}', not +PONG.");
        }
        catch (SocketException ex)
        {
            return HealthCheckResult.Unhealthy($"PING to 127.0.0.1:{endpoint.Port} failed: {ex.Message}", ex);
        }
    }
}
