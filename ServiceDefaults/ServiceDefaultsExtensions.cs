using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Monitoring.Lib;
using Monitoring.Lib.Influx;
using Monitoring.Lib.Kafka;
using Monitoring.Lib.Metrics;
using MonitoringStack.ServiceDefaults;
using MonitoringStack.ServiceDefaults.Internal;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

// The namespace of Aspire's ServiceDefaults template, so `builder.AddServiceDefaults()` needs no using directive.
namespace Microsoft.Extensions.Hosting;

/// <summary>
/// The monitoring layer every service shares: <c>builder.AddServiceDefaults()</c> at start and
/// <c>app.MapDefaultEndpoints()</c> (<see cref="DefaultEndpointsExtensions"/>) once the app is built.
/// </summary>
public static class ServiceDefaultsExtensions
{
    /// <summary>
    /// Adds, once: JSON console logs when <c>Logging:Console:FormatterName</c> is <c>json</c> (the AppHost sets it);
    /// <see cref="MetricsManager"/> with its push to the metrics cache (section <c>Monitoring:Metrics</c>);
    /// <see cref="InfluxRecorder"/> only when <c>Monitoring:Influx:Url</c> is set (otherwise points are off and this is
    /// logged once at start); health checks (<see cref="AddDefaultHealthChecks{TBuilder}"/>); service discovery and the
    /// standard resilience handler on HttpClients (<see cref="AddDefaultHttpClients{TBuilder}"/>); and OpenTelemetry
    /// (<see cref="ConfigureOpenTelemetry{TBuilder}"/>), exported only when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set. With <c>Monitoring:Enabled=false</c>
    /// (<see cref="MonitoringSections.Enabled"/>) the counters stay in memory but nothing is pushed, recorded or exported, and the
    /// InfluxDB health check is left out; this is logged once at start. A background service that fails makes the process
    /// exit with code 1 (logged on one line), not 0 as .NET 10's host would.
    /// </summary>
    /// <exception cref="InvalidOperationException">A connection string or OTLP setting is invalid; the message names the key and value.</exception>
    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (builder.Services.Any(d => d.ServiceType == typeof(ServiceDefaultsMarker)))
        {
            return builder;
        }
        builder.Services.AddSingleton<ServiceDefaultsMarker>();
        builder.Services.AddHostedService<FailedWorkExitCode>();
        builder.ConfigureMonitoringLogging();
        builder.AddMonitoringMetrics();
        var monitoringEnabled = MonitoringSections.IsEnabled(builder.Configuration);
        if (!monitoringEnabled || string.IsNullOrWhiteSpace(builder.Configuration[MonitoringSections.Influx + ":Url"]))
        {
            builder.Services.AddHostedService<MonitoringOffNotice>();
        }
        else
        {
            builder.AddInfluxPoints();
        }
        builder.AddDefaultHealthChecks();
        builder.AddDefaultHttpClients();
        if (monitoringEnabled)
        {
            builder.ConfigureOpenTelemetry();
        }
        return builder;
    }

    /// <summary>
    /// Switches the console to one JSON object per line (UTC timestamps, scopes included) when configuration
    /// <c>Logging:Console:FormatterName</c> is <c>json</c>, as the AppHost sets for its projects so the dashboard can
    /// show structured logs. Otherwise the console format is left as configured.
    /// </summary>
    public static TBuilder ConfigureMonitoringLogging<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (string.Equals(builder.Configuration["Logging:Console:FormatterName"], ConsoleFormatterNames.Json, StringComparison.OrdinalIgnoreCase))
        {
            builder.Logging.AddJsonConsole(options =>
            {
                options.UseUtcTimestamp = true;
                options.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
                options.IncludeScopes = true;
            });
        }
        return builder;
    }

    /// <summary>
    /// Adds health checks: <c>self</c> (tag <c>live</c>, the only one <c>/alive</c> runs) and, tagged <c>ready</c>,
    /// <c>influxdb</c> (<c>GET /ping</c>, 3 s) when <c>Monitoring:Influx:Url</c> is set. The clients' checks come with
    /// their registrations: the Kafka <c>Add…</c> methods of Monitoring.Lib register one per connection, Aspire's
    /// <c>AddRedisClient</c> its own.
    /// </summary>
    public static TBuilder AddDefaultHealthChecks<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        DefaultHealthChecks.Add(builder.Services, builder.Configuration);
        return builder;
    }

    /// <summary>
    /// OpenTelemetry as Aspire's ServiceDefaults set it up: logs (every ILogger message, formatted, with scopes), metrics
    /// (ASP.NET Core, Kestrel, HttpClient, runtime, and the meters the monitoring
    /// layer's registrations add: its metric families and Kafka's messaging instruments) and traces (ASP.NET Core,
    /// HttpClient, the app's own <c>ActivitySource</c> named after the application, and the sources the integrations
    /// add: Kafka's send, poll and process spans, Redis), exported over OTLP (<c>UseOtlpExporter</c>) only when
    /// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set. Health probes (<c>/health</c>, <c>/alive</c>) and the monitoring
    /// layer's own requests (metric pushes, InfluxDB writes, which run with OpenTelemetry's instrumentation suppressed, as its
    /// exporters' do) make no spans. The SDK
    /// reads <c>OTEL_EXPORTER_OTLP_PROTOCOL</c> (<c>grpc</c>, default, or <c>http/protobuf</c>),
    /// <c>OTEL_EXPORTER_OTLP_HEADERS</c>, <c>OTEL_SERVICE_NAME</c> (default here: the application name) and
    /// <c>OTEL_METRIC_EXPORT_INTERVAL</c> (ms, default 60000); bad values stop the app at start naming the key.
    /// Production defaults: outside Development a new trace is kept at 10 % and a continued one as its caller decided
    /// (parent-based), unless <c>OTEL_TRACES_SAMPLER</c> (and <c>OTEL_TRACES_SAMPLER_ARG</c>) says otherwise; exemplars
    /// stay off unless <c>OTEL_METRICS_EXEMPLAR_FILTER</c> turns them on; ASP.NET Core's <c>aspnetcore.memory_pool.*</c>
    /// instruments are dropped everywhere, and outside Development its per-request <c>aspnetcore.routing.match_attempts</c>,
    /// <c>aspnetcore.authentication.authenticate.duration</c>, <c>aspnetcore.authorization.attempts</c> and
    /// <c>http.server.active_requests</c> too (<c>http.server.request.duration</c> stays).
    /// </summary>
    /// <exception cref="InvalidOperationException">An OTLP setting is invalid; the message names the key and value.</exception>
    public static TBuilder ConfigureOpenTelemetry<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        var export = OtlpSettings.Validate(builder.Configuration);
        var serviceName = builder.Configuration[OtlpSettings.ServiceNameKey] is { Length: > 0 } name ? name : builder.Environment.ApplicationName;
        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(serviceName))
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .DropUnusedInstruments(builder.Environment))
            .WithTracing(tracing => tracing
                .SampleInProduction(builder.Environment, builder.Configuration)
                .AddSource(builder.Environment.ApplicationName)
                .AddAspNetCoreInstrumentation(aspNetCore => aspNetCore.Filter = context => !DefaultEndpointPaths.IsProbe(context.Request.Path))
                .AddHttpClientInstrumentation());
        if (export)
        {
            telemetry.UseOtlpExporter();
        }
        return builder;
    }

    /// <summary>
    /// Service discovery (<c>https+http://name</c> addresses resolved from <c>services:name:…</c> configuration) and
    /// the standard resilience handler (retries, circuit breaker, timeouts) on every <c>HttpClient</c> made by
    /// <c>IHttpClientFactory</c>, as in Aspire's ServiceDefaults. The monitoring layer's own HTTP (metric pushes,
    /// InfluxDB writes) uses its own clients with their own timeouts and retry rules, not these.
    /// </summary>
    public static TBuilder AddDefaultHttpClients<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddServiceDiscovery();
        builder.Services.ConfigureHttpClientDefaults(http =>
        {
            http.AddStandardResilienceHandler();
            http.AddServiceDiscovery();
        });
        return builder;
    }
}
