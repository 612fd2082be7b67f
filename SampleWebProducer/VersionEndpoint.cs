using System.Reflection;
using Monitoring.Lib.Metrics;

namespace MonitoringStack.SampleWebProducer;

/// <summary><c>GET /version</c>: the service name (the <c>app</c> label of its metrics) and its informational version.</summary>
internal static class VersionEndpoint
{
    private static readonly string Version =
        typeof(VersionEndpoint).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    // The metrics name, not the assembly's: under a host that sets APP_NAME it is the name the dashboard shows.
    public static IResult Get(MetricsManager metrics) =>
        Results.Json(new Dictionary<string, string> { ["name"] = metrics.AppName, ["version"] = Version });
}
