using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace MonitoringStack.ServiceDefaults.Internal;

/// <summary>
/// What a production service keeps of its telemetry, as ConfigureOpenTelemetry sets it up: a sampled share of the
/// traces outside Development, and none of the instruments nobody looks at. Measured in docs/performance.md.
/// </summary>
internal static class ProductionTelemetry
{
    /// <summary>The standard variable that names a sampler; when set, the OpenTelemetry SDK's choice stands.</summary>
    public const string SamplerKey = "OTEL_TRACES_SAMPLER";

    /// <summary>The share of new traces kept outside Development when <see cref="SamplerKey"/> is unset: 10 %.</summary>
    public const double DefaultSampleRatio = 0.1;

    /// <summary>
    /// ASP.NET Core's memory pool reports every buffer rented and returned (<c>aspnetcore.memory_pool.*</c>): neither the
    /// dashboard's views nor Prometheus use them, and they are measurable per request. Dropped by a view in every
    /// environment, so nothing listens to them at all.
    /// </summary>
    public const string DroppedInstruments = "aspnetcore.memory_pool.*";

    /// <summary>
    /// Instruments ASP.NET Core records on every request that neither the dashboard's views nor Prometheus need: route
    /// matching, the authentication handler's duration, authorization attempts and the in-flight request count. Dropped
    /// outside Development; <c>http.server.request.duration</c> (requests by route, status and duration) stays.
    /// Together they were about 1.5 % of a loaded producer's CPU (docs/performance.md).
    /// </summary>
    public static readonly IReadOnlyList<string> PerRequestInstrumentsDroppedInProduction =
    [
        "aspnetcore.routing.match_attempts",
        "aspnetcore.authentication.authenticate.duration",
        "aspnetcore.authorization.attempts",
        "http.server.active_requests",
    ];

    public static MeterProviderBuilder DropUnusedInstruments(this MeterProviderBuilder metrics, IHostEnvironment environment)
    {
        metrics.AddView(DroppedInstruments, MetricStreamConfiguration.Drop);
        if (!environment.IsDevelopment())
        {
            foreach (var instrument in PerRequestInstrumentsDroppedInProduction)
            {
                metrics.AddView(instrument, MetricStreamConfiguration.Drop);
            }
        }
        return metrics;
    }

    /// <summary>
    /// Outside Development, unless <see cref="SamplerKey"/> chooses otherwise: a trace started here is kept at
    /// <see cref="DefaultSampleRatio"/>, and a request or message that arrives with a trace follows its caller's
    /// decision (parent-based), so a kept trace is whole across services.
    /// </summary>
    public static TracerProviderBuilder SampleInProduction(this TracerProviderBuilder tracing, IHostEnvironment environment, IConfiguration configuration) =>
        environment.IsDevelopment() || configuration[SamplerKey] is { Length: > 0 }
            ? tracing
            : tracing.SetSampler(new ParentBasedSampler(new TraceIdRatioBasedSampler(DefaultSampleRatio)));
}
