using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Monitoring.Lib.Metrics;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Monitoring.ServiceDefaults.Internal;

/// <summary>
/// Owns the OpenTelemetry meter and tracer providers for the host's life. OpenTelemetry.Extensions.Hosting does not
/// restore here, so the providers are built with the SDK's builders at start and disposed (which flushes) at stop.
/// </summary>
internal sealed class OtlpExportService(OtlpSettings settings, ILogger<OtlpExportService> logger) : IHostedService, IDisposable
{
    private MeterProvider? _meters;
    private TracerProvider? _tracer;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var resource = ResourceBuilder.CreateDefault().AddService(settings.ServiceName);
        _meters = Sdk.CreateMeterProviderBuilder()
            .SetResourceBuilder(resource)
            .AddMeter(MetricsManager.MeterName, "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "System.Net.Http", "System.Runtime")
            .AddOtlpExporter((exporter, reader) =>
            {
                settings.Apply(exporter, "v1/metrics");
                reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = settings.MetricExportIntervalMs;
            })
            .Build();
        _tracer = Sdk.CreateTracerProviderBuilder()
            .SetResourceBuilder(resource)
            .AddSource(settings.ServiceName, "Microsoft.AspNetCore", "System.Net.Http")
            .AddOtlpExporter(exporter => settings.Apply(exporter, "v1/traces"))
            .Build();
        ServiceDefaultsLog.OtlpOn(logger, settings.Endpoint, settings.HttpProtobuf ? "http/protobuf" : "grpc");
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        // Disposing flushes what is pending, so the last interval's metrics and spans are not lost.
        _meters?.Dispose();
        _meters = null;
        _tracer?.Dispose();
        _tracer = null;
    }
}
