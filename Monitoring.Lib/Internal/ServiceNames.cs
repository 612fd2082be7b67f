using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Monitoring.Lib.Metrics;

namespace Monitoring.Lib.Internal;

/// <summary>
/// The one rule that names a service in its series and points, so the <c>app</c> label of the metrics and the
/// <c>service</c> tag of every InfluxDB point (requests, WebSocket sends, Redis messages) agree: a host that sets
/// <c>APP_NAME</c> (the AppHost sets it to the resource name) renames all of them at once.
/// </summary>
internal static class ServiceNames
{
    /// <summary>The key of the metrics app name.</summary>
    public const string AppNameKey = MonitoringSections.Metrics + ":AppName";

    /// <summary>The key of the <c>service</c> tag, when it must differ from the app name.</summary>
    public const string ServiceNameKey = MonitoringSections.Root + ":ServiceName";

    /// <summary>
    /// <c>Monitoring:Metrics:AppName</c>, else <c>APP_NAME</c>; null when neither is set, so the caller's own default
    /// (a value set in code, then the host's application name) comes next. An empty value is returned as it is, for
    /// validation to name it.
    /// </summary>
    public static string? ConfiguredAppName(IConfiguration configuration) => LegacyVariables.Value(configuration, AppNameKey);

    /// <summary>
    /// The <c>service</c> tag: <c>Monitoring:ServiceName</c>, else the metrics app name (as <see cref="MetricsManager"/>
    /// resolved it when metrics are registered, else as configured), else the host's application name.
    /// </summary>
    public static string? ServiceName(IServiceProvider services)
    {
        var configuration = services.GetService<IConfiguration>();
        return configuration?[ServiceNameKey]
            ?? services.GetService<MetricsManager>()?.AppName
            ?? (configuration is null ? null : ConfiguredAppName(configuration))
            ?? services.GetService<IHostEnvironment>()?.ApplicationName;
    }
}
