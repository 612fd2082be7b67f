using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Monitoring.Lib.Kafka.Internal;

/// <summary>
/// Kafka reachability without a Kafka client: a TCP connect to every bootstrap server. Healthy when all accept,
/// degraded when some do (the client still bootstraps), unhealthy when none does.
/// </summary>
internal sealed class KafkaHealthCheck(IReadOnlyList<HostPort> servers, TimeSpan timeout) : IHealthCheck
{
    /// <summary>How long each probe waits for a connection: 3 s.</summary>
    public static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(3);

    /// <summary>
    /// Registers the check of connection <paramref name="connectionName"/> once, named after it and tagged <c>ready</c>
    /// (what <c>/health</c> runs, not <c>/alive</c>). <paramref name="bootstrapServers"/> gives the validated list when
    /// the check is first run: a missing or bad setting fails the client's first resolve, not the registration.
    /// </summary>
    public static void Register(IServiceCollection services, string connectionName, Func<string> bootstrapServers)
    {
        if (services.Any(d => d.ServiceType == typeof(KafkaHealthCheck) && Equals(d.ServiceKey, connectionName)))
        {
            return;
        }
        services.AddKeyedSingleton(connectionName, (_, _) =>
        {
            var list = bootstrapServers();
            var servers = list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(server => HostPort.Parse(server, $"ConnectionStrings:{connectionName}", list)).ToList();
            return new KafkaHealthCheck(servers, ProbeTimeout);
        });
        services.AddHealthChecks().Add(new HealthCheckRegistration(
            connectionName, sp => sp.GetRequiredKeyedService<KafkaHealthCheck>(connectionName), null, ["ready"]));
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
