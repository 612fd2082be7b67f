using OpenTelemetry;

namespace Monitoring.Lib.Internal;

/// <summary>
/// The monitoring layer's own HTTP (metric pushes, InfluxDB writes) runs with OpenTelemetry's instrumentation suppressed,
/// as OpenTelemetry's own exporters do: a span per push every few seconds would bury a service's own traces, and
/// tracing telemetry's transport would trace itself. Never disposed where it wraps a handler it does not own.
/// </summary>
internal sealed class MonitoringTrafficHandler(HttpMessageHandler inner) : DelegatingHandler(inner)
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        // The scope flows into the inner handler, which starts (or here, does not start) the request's span.
        using var suppressed = SuppressInstrumentationScope.Begin();
        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }
}
