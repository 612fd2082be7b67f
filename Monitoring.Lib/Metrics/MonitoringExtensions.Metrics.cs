using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using Monitoring.Lib;
using Monitoring.Lib.Metrics;
using Monitoring.Lib.Metrics.Internal;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// The monitoring layer's registrations, in one place: <c>AddMonitoringMetrics</c>, <c>AddInfluxPoints</c>,
/// <c>AddRedisSubscriber</c>, <c>AddKafkaStreamWorker</c> on the host builder and <c>UseRequestMonitoring</c>,
/// <c>UseMonitoredExceptionHandler</c> on the ASP.NET Core pipeline. Kafka producers and consumers are registered with
/// <c>AddKafkaProducer</c>/<c>AddKafkaConsumer</c>, in Aspire.Confluent.Kafka's shape.
/// </summary>
public static partial class MonitoringExtensions
{
    /// <summary>
    /// Adds <see cref="MetricsManager"/>, <see cref="MetricsPusher"/> and the push loop, with
    /// <see cref="MetricsOptions"/> read from <c>Monitoring:Metrics</c> and the reference design's variables
    /// and validated at start. <paramref name="configureSettings"/> runs after them, before validation. Calling it twice
    /// adds nothing more the second time but the delegate, which still applies.
    /// </summary>
    public static IHostApplicationBuilder AddMonitoringMetrics(this IHostApplicationBuilder builder, Action<MetricsOptions>? configureSettings = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        AddMetricsCore(builder.Services, builder.Configuration);
        if (configureSettings is not null)
        {
            builder.Services.Configure(configureSettings);
        }
        return builder;
    }

    private static void AddMetricsCore(IServiceCollection services, IConfiguration configuration)
    {
        if (services.Any(d => d.ServiceType == typeof(MetricsManager)))
        {
            return;
        }
        services.AddMetrics();
        // The families' Meter joins the service's OpenTelemetry metrics, as an Aspire component's does.
        services.AddOpenTelemetry().WithMetrics(metrics => metrics.AddMeter(MetricsManager.MeterName));
        services.AddLogging();
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<MetricsOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<MetricsOptions>, MetricsOptionsSetup>(
            sp => new MetricsOptionsSetup(configuration, sp.GetService<IHostEnvironment>())));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<MetricsOptions>, MetricsOptionsValidator>());
        services.TryAddSingleton(sp => new MetricsManager(
            sp.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(),
            sp.GetRequiredService<IOptions<MetricsOptions>>().Value.AppName!));
        services.TryAddSingleton(sp => new MetricsPusher(
            sp.GetRequiredService<MetricsManager>(), sp.GetRequiredService<IOptions<MetricsOptions>>(),
            sp.GetRequiredService<ILogger<MetricsPusher>>(), sp.GetRequiredService<TimeProvider>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, MetricsPushService>());
    }
}
