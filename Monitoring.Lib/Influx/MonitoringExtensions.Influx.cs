using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Monitoring.Lib;
using Monitoring.Lib.Influx;
using Monitoring.Lib.Influx.Internal;

namespace Microsoft.Extensions.Hosting;

public static partial class MonitoringExtensions
{
    /// <summary>
    /// Adds <see cref="InfluxRecorder"/> (singleton) bound to section <c>Monitoring:Influx</c> of the builder's
    /// configuration, validated at start, plus the hosted service that flushes it. Calling it twice adds nothing more;
    /// with <c>Monitoring:Enabled=false</c> (<see cref="MonitoringSections.Enabled"/>) it adds nothing, and every component that
    /// records points through an optional recorder records none. <paramref name="configureSettings"/> runs after the
    /// section, before validation; a later call's delegate still applies (after <c>AddServiceDefaults()</c> added the recorder).
    /// </summary>
    public static IHostApplicationBuilder AddInfluxPoints(this IHostApplicationBuilder builder, Action<InfluxOptions>? configureSettings = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var (services, configuration) = (builder.Services, builder.Configuration);
        if (!MonitoringSections.IsEnabled(configuration))
        {
            return builder;
        }
        var added = services.Any(d => d.ServiceType == typeof(InfluxRecorder));
        if (!added)
        {
            services.AddOptions<InfluxOptions>().Bind(configuration.GetSection(MonitoringSections.Influx)).ValidateOnStart();
        }
        if (configureSettings is not null)
        {
            services.Configure(configureSettings);
        }
        if (added)
        {
            return builder;
        }
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<InfluxOptions>, InfluxOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp => new InfluxRecorder(
            sp.GetRequiredService<IOptionsMonitor<InfluxOptions>>().CurrentValue,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<InfluxRecorder>>()));
        services.AddHostedService<InfluxFlushService>();
        return builder;
    }
}
