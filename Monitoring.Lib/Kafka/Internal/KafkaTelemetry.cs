using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Monitoring.Lib.Kafka.Internal;

/// <summary>
/// As Aspire's components do: a Kafka registration adds its own ActivitySource to the tracer provider unless
/// <c>DisableTracing</c>, and its messaging Meter to the meter provider unless <c>DisableMetrics</c>, so the service's
/// OpenTelemetry set-up needs to know no names of the library's.
/// </summary>
internal static class KafkaTelemetry
{
    public static void AddToOpenTelemetry(IServiceCollection services, bool disableTracing, bool disableMetrics)
    {
        if (!disableTracing)
        {
            services.AddOpenTelemetry().WithTracing(tracing => tracing.AddSource(KafkaTracing.ActivitySourceName));
        }
        if (!disableMetrics)
        {
            services.AddOpenTelemetry().WithMetrics(metrics => metrics.AddMeter(KafkaMessagingMetrics.MeterName));
        }
    }
}
