using Microsoft.AspNetCore.Http;

namespace MonitoringStack.ServiceDefaults;

/// <summary>Paths and tags of the default endpoints.</summary>
public static class DefaultEndpointPaths
{
    /// <summary><c>/health</c>: every health check.</summary>
    public const string Health = "/health";

    /// <summary><c>/alive</c>: the liveness checks only.</summary>
    public const string Alive = "/alive";

    /// <summary><c>/metrics</c>: the Prometheus text of the app's metrics.</summary>
    public const string Metrics = "/metrics";

    /// <summary>The tag of liveness checks, <c>live</c>.</summary>
    public const string LiveTag = "live";

    /// <summary>The tag of dependency reachability checks (Kafka, Redis, InfluxDB), <c>ready</c>.</summary>
    public const string ReadyTag = "ready";

    /// <summary>
    /// True for <c>/health</c>, <c>/alive</c> and <c>/metrics</c>: requests of orchestrators and scrapers, which
    /// tracing leaves out so that a service's traces show its own work.
    /// </summary>
    public static bool IsProbe(PathString path) =>
        path.Equals(Health, StringComparison.OrdinalIgnoreCase)
        || path.Equals(Alive, StringComparison.OrdinalIgnoreCase)
        || path.Equals(Metrics, StringComparison.OrdinalIgnoreCase);
}
