namespace Monitoring.Lib.Influx.Internal;

/// <summary>
/// Marks every request that passes as monitoring traffic (<see cref="MonitoringTraffic"/>): for a client that builds its
/// requests itself. Never disposed: disposing would dispose the inner handler, which is the recorder's.
/// </summary>
internal sealed class MonitoringTrafficHandler(HttpMessageHandler inner) : DelegatingHandler(inner)
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        MonitoringTraffic.Mark(request);
        return base.SendAsync(request, cancellationToken);
    }
}
