namespace Monitoring.Lib;

/// <summary>
/// Marks the HTTP requests the monitoring layer makes itself (metric pushes to the metrics cache, InfluxDB writes and
/// health probes), so
/// tracing can leave them out: one span per push every few seconds would bury a service's own traces on the dashboard.
/// </summary>
public static class MonitoringTraffic
{
    private static readonly HttpRequestOptionsKey<bool> Key = new("Monitoring.Lib.OwnTraffic");

    /// <summary>True for a request made by the monitoring layer (see <see cref="Mark"/>).</summary>
    public static bool IsMonitoringRequest(HttpRequestMessage request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Options.TryGetValue(Key, out var marked) && marked;
    }

    /// <summary>Marks <paramref name="request"/> as monitoring traffic (a probe, a push): ServiceDefaults' tracing skips it.</summary>
    public static void Mark(HttpRequestMessage request)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Options.Set(Key, true);
    }
}
