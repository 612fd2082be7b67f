using System.Net.Sockets;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Monitoring.ServiceDefaults.Internal;

/// <summary>
/// Kafka reachability without a Kafka client: a TCP connect to every bootstrap server. Healthy when all accept,
/// degraded when some do (the client still bootstraps), unhealthy when none does.
/// </summary>
internal sealed class KafkaHealthCheck(IReadOnlyList<HostPort> servers, TimeSpan timeout) : IHealthCheck
{
    public const string Key = "ConnectionStrings:kafka";

    public static IReadOnlyList<HostPort> Parse(string value)
    {
        var servers = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(server => HostPort.Parse(server, Key, value)).ToList();
        return servers.Count > 0 ? servers : throw new InvalidOperationException($"{Key} is '{value}': it names no bootstrap server.");
    }

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var failures = await Task.WhenAll(servers.Select(server => ConnectAsync(server, cancellationToken)));
        var failed = failures.Where(f => f is not null).ToList();
        if (failed.Count == 0)
        {
            return HealthCheckResult.Healthy($"All {servers.Count} bootstrap servers accept connections");
        }
        var description = string.Join("; ", failed);
        return failed.Count == servers.Count
            ? HealthCheckResult.Unhealthy($"No bootstrap server accepts connections: {description}")
            : HealthCheckResult.Degraded($"{failed.Count} of {servers.Count} bootstrap servers do not accept connections: {description}");
    }

    private async Task<string?> ConnectAsync(HostPort server, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(server.Host, server.Port, deadline.Token);
            return null;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return $"{server}: no answer within {timeout.TotalSeconds:0.#} s";
        }
        catch (SocketException ex)
        {
            return $"{server}: {ex.SocketErrorCode}";
        }
    }
}
