using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Monitoring.Lib.Influx.Internal;

namespace Monitoring.Lib.Influx;

/// <summary>Registers the InfluxDB point recorder and its background flusher.</summary>
public static class InfluxServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="InfluxRecorder"/> (singleton) bound to section <c>Monitoring:Influx</c> of the builder's
    /// configuration, validated at start, plus the hosted service that flushes it. Calling it twice adds nothing more;
    /// with <c>Monitoring:Enabled=false</c> (<see cref="MonitoringSwitch"/>) it adds nothing, and every component that
    /// records points through an optional recorder records none.
    /// </summary>
    public static IHostApplicationBuilder AddInfluxPoints(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddInfluxPoints(builder.Configuration);
        return builder;
    }

    /// <summary>Adds the recorder bound to section <c>Monitoring:Influx</c> of <paramref name="configuration"/>; see the builder overload.</summary>
    public static IServiceCollection AddInfluxPoints(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        if (services.Any(d => d.ServiceType == typeof(InfluxRecorder)) || !MonitoringSwitch.IsEnabled(configuration))
        {
            return services;
        }
        services.AddOptions<InfluxOptions>().Bind(configuration.GetSection(MonitoringSections.Influx)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<InfluxOptions>, InfluxOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp => new InfluxRecorder(
            sp.GetRequiredService<IOptionsMonitor<InfluxOptions>>().CurrentValue,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<InfluxRecorder>>()));
        services.AddHostedService<InfluxFlushService>();
        return services;
    }
}
