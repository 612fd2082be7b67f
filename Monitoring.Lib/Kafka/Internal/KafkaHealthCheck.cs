using Confluent.Kafka;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Monitoring.Lib.Kafka.Internal;

/// <summary>
/// Whether the cluster answers the client as configured: a metadata request through an admin client built from the
/// client's own settings (bootstrap list, security protocol, SASL, TLS), so wrong credentials or TLS settings fail it
/// where a TCP connect would pass. It writes nothing to the cluster. Healthy with the brokers the cluster lists;
/// otherwise the registration's failure status (Unhealthy unless set otherwise), with librdkafka's error.
/// </summary>
internal sealed class KafkaHealthCheck(Func<IEnumerable<KeyValuePair<string, string>>> clientConfig, TimeSpan timeout, ILogger logger)
    : IHealthCheck, IDisposable
{
    /// <summary>How long one metadata request may take: 3 s.</summary>
    public static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(3);

    private readonly Lock _lock = new();
    private IAdminClient? _admin;

    /// <summary>
    /// Registers the check of connection <paramref name="connectionName"/> once, named after it and tagged <c>ready</c>
    /// (what <c>/health</c> runs, not <c>/alive</c>). <paramref name="clientConfig"/> gives the client's validated
    /// settings when the check first runs: a missing or bad setting fails the client's first resolve, not the registration.
    /// </summary>
    public static void Register(IServiceCollection services, string connectionName, Func<IEnumerable<KeyValuePair<string, string>>> clientConfig)
    {
        if (services.Any(d => d.ServiceType == typeof(KafkaHealthCheck) && Equals(d.ServiceKey, connectionName)))
        {
            return;
        }
        services.AddKeyedSingleton(connectionName, (sp, _) => new KafkaHealthCheck(clientConfig, ProbeTimeout,
            sp.GetService<ILoggerFactory>()?.CreateLogger(KafkaClientLog.Category) ?? NullLogger.Instance));
        services.AddHealthChecks().Add(new HealthCheckRegistration(
            connectionName, sp => sp.GetRequiredKeyedService<KafkaHealthCheck>(connectionName), null, ["ready"]));
    }

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var admin = Admin();
            // librdkafka's metadata call blocks; it gives up after the timeout.
            var metadata = await Task.Run(() => admin.GetMetadata(timeout), cancellationToken).ConfigureAwait(false);
            return metadata.Brokers.Count > 0
                ? HealthCheckResult.Healthy($"The cluster lists {metadata.Brokers.Count} brokers")
                : new HealthCheckResult(context.Registration.FailureStatus, "The cluster answered without brokers");
        }
        catch (KafkaException ex)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, $"No metadata within {timeout.TotalSeconds:0.#} s: {ex.Error.Reason}", ex);
        }
    }

    public void Dispose() => _admin?.Dispose();

    private IAdminClient Admin()
    {
        lock (_lock)
        {
            if (_admin is null)
            {
                // An admin client is a producer-type handle: consumer-only keys would make librdkafka warn, and it has no
                // use for statistics.
                var config = new AdminClientConfig(clientConfig()
                    .Where(p => KafkaPropertyScope.AppliesTo(p.Key, forConsumer: false) && p.Key is not ("group.id" or "statistics.interval.ms"))
                    .ToDictionary(p => p.Key, p => p.Value));
                _admin = new AdminClientBuilder(config)
                    .SetLogHandler((_, message) => KafkaClientLog.Write(logger, message))
                    .SetErrorHandler((client, error) => KafkaClientLog.Error(logger, client.Name, error))
                    .Build();
            }
            return _admin;
        }
    }
}
