using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Monitoring.Lib.Metrics.Internal;

namespace Monitoring.Lib.Metrics;

/// <summary>Registers the metrics manager, the pusher and the background push.</summary>
public static class MetricsServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="MetricsManager"/>, <see cref="MetricsPusher"/> and the push loop, with
    /// <see cref="MetricsOptions"/> read from <c>Monitoring:Metrics</c> and the reference design's variables
    /// and validated at start. Calling it twice adds nothing the second time.
    /// </summary>
    public static IHostApplicationBuilder AddMonitoringMetrics(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        AddCore(builder.Services, builder.Configuration);
        return builder;
    }

    /// <summary>The same as <see cref="AddMonitoringMetrics(IHostApplicationBuilder)"/> for a bare service collection.</summary>
    public static IServiceCollection AddMonitoringMetrics(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        AddCore(services, configuration);
        return services;
    }

    private static void AddCore(IServiceCollection services, IConfiguration configuration)
    {
        if (services.Any(d => d.ServiceType == typeof(MetricsManager)))
        {
            return;
        }
        services.AddMetrics();
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
