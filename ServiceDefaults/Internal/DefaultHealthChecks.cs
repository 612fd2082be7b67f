using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Monitoring.Lib;

namespace MonitoringStack.ServiceDefaults.Internal;

/// <summary>Registers the default checks; connection strings are parsed here so a bad one fails at start, not at the first probe.</summary>
internal static class DefaultHealthChecks
{
    public static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(3);

    public static void Add(IServiceCollection services, IConfiguration configuration)
    {
        if (services.Any(d => d.ServiceType == typeof(DefaultHealthChecksMarker)))
        {
            return;
        }
        services.AddSingleton<DefaultHealthChecksMarker>();
        var checks = services.AddHealthChecks()
            .AddCheck("self", () => HealthCheckResult.Healthy(), [DefaultEndpointPaths.LiveTag]);
        string[] ready = [DefaultEndpointPaths.ReadyTag];
        // Kafka and Redis have no check here: each client registration brings its own (AddKafkaProducer and the other
        // Kafka Add… methods: a metadata request to the cluster; Aspire's AddRedisClient: a PING).
        // With monitoring off nothing is written to InfluxDB, so its reachability says nothing about this service.
        if (configuration[MonitoringSections.Influx + ":Url"] is { Length: > 0 } influx && MonitoringSections.IsEnabled(configuration))
        {
            var ping = InfluxHealthCheck.PingUri(influx);
            // One check (and HttpClient) for the app's life, disposed with the container: registrations' factories
            // run on every probe.
            services.AddSingleton(_ => new InfluxHealthCheck(ping, ProbeTimeout));
            checks.Add(new HealthCheckRegistration("influxdb", sp => sp.GetRequiredService<InfluxHealthCheck>(), null, ready));
        }
    }

    private sealed class DefaultHealthChecksMarker;
}
