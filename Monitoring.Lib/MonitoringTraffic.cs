namespace Monitoring.Lib;

/// <summary>
/// Marks the HTTP requests the monitoring layer makes itself (metric pushes to the metrics cache, InfluxDB writes), so
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

    /// <summary>Marks <paramref name="request"/> as the monitoring layer's own.</summary>
    internal static void Mark(HttpRequestMessage request) => request.Options.Set(Key, true);
}
