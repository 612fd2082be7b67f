using Microsoft.Extensions.DependencyInjection;
using Monitoring.Hosting.Shutdown;

namespace Aspire.Hosting;

/// <summary>Stops the services before the servers they use when the AppHost stops.</summary>
public static class DependentsFirstShutdownBuilderExtensions
{
    /// <summary>
    /// When the AppHost stops (Ctrl+C), first stops every resource that waits for another one (the services: they
    /// <c>WaitFor</c> Kafka, Redis, InfluxDB, the metrics cache) and waits until they have exited, at most 10 s; only
    /// then does Aspire stop the rest. Without it DCP stops everything at once: the servers exit within a second and
    /// each service's orderly stop (final Kafka commit and close, the last InfluxDB flush, Redis publishes) then waits
    /// for servers that are gone, until its own timeouts expire; and what it still held was lost.
    /// </summary>
    public static IDistributedApplicationBuilder AddDependentsFirstShutdown(this IDistributedApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (builder.ExecutionContext.IsRunMode)
        {
            // Registered after Aspire's own hosted services, so the host stops it before them (reverse order): the
            // servers are still running while it waits.
            builder.Services.AddHostedService<DependentsFirstShutdown>();
        }
        return builder;
    }
}
