using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Monitoring.Lib;
using Monitoring.Lib.AspNetCore;
using Monitoring.Lib.AspNetCore.Internal;
using Monitoring.Lib.Influx;
using Monitoring.Lib.Internal;
using Monitoring.Lib.Metrics;

namespace Microsoft.Extensions.Hosting;

public static partial class MonitoringExtensions
{
    /// <summary>
    /// Records a <c>requests</c> point for every request (tags <c>service</c>, <c>route</c> = <c>METHOD:/template</c>
    /// from the matched endpoint's route pattern or <c>METHOD:/unmatched</c>, <c>status_code</c>; fields
    /// <c>request_id</c>, <c>execution_time</c> in ms) and an <c>errors</c> point for status 400 and up or an exception
    /// (tag <c>error_code</c>: <see cref="IRequestMonitoringFeature.ErrorCode"/>, else the exception type name, else the
    /// status). The request id comes from <c>X-Request-Id</c> when valid, otherwise it is generated; it is echoed in the
    /// response and available as <see cref="IRequestMonitoringFeature"/>.
    /// </summary>
    /// <remarks>
    /// Add it first, so it times everything and sees the final status. A WebSocket request is one point written when
    /// the socket closes: status 101 and <c>execution_time</c> = the whole session. Points need the
    /// <see cref="InfluxRecorder"/> (<c>AddInfluxPoints</c>); without it request ids still work and nothing is recorded.
    /// With <c>Monitoring:Enabled=false</c> (<see cref="MonitoringSections.Enabled"/>) nothing is added at all.
    /// Throws <see cref="ArgumentException"/> for invalid options.
    /// </remarks>
    public static IApplicationBuilder UseRequestMonitoring(this IApplicationBuilder app, Action<RequestMonitoringOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (app.ApplicationServices.GetService<IConfiguration>() is { } configuration && !MonitoringSections.IsEnabled(configuration))
        {
            return app;
        }
        var options = RequestMonitoringOptionsReader.Read(app.ApplicationServices, configure);
        var recorder = app.ApplicationServices.GetService<InfluxRecorder>();
        return app.Use(next => new RequestMonitoringMiddleware(
            next, recorder, options.ServiceName!, options.RequestIdHeader, options.MaxRequestIdLength,
            [.. options.ExcludedPaths.Select(path => new PathString(path))]).InvokeAsync);
    }

    /// <summary>
    /// Catches unhandled exceptions: counts <c>messages_errors{exception=TypeName}</c> on <see cref="MetricsManager"/>,
    /// logs the exception, sets the request's <c>error_code</c> to the type name and answers 500 with
    /// <c>application/problem+json</c> (type, title, status, instance, requestId, traceId; the exception text only
    /// when <see cref="RequestMonitoringOptions.IncludeExceptionDetails"/>, default off). A response that
    /// had already started cannot be replaced: the exception is rethrown so the server aborts it. Requests the client
    /// aborted are not counted. Add it right after <see cref="UseRequestMonitoring"/>. Needs <c>AddMonitoringMetrics</c>.
    /// </summary>
    public static IApplicationBuilder UseMonitoredExceptionHandler(this IApplicationBuilder app, Action<RequestMonitoringOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(app);
        var services = app.ApplicationServices;
        var metrics = services.GetService<MetricsManager>() ?? throw new InvalidOperationException(
            "UseMonitoredExceptionHandler needs MetricsManager: call builder.AddMonitoringMetrics() (or AddServiceDefaults()) first.");
        var options = RequestMonitoringOptionsReader.Read(services, configure);
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("Monitoring.Lib.AspNetCore.MonitoredExceptionHandler");
        return app.Use(next => new MonitoredExceptionMiddleware(next, metrics, logger, options.RequestIdHeader, options.IncludeExceptionDetails).InvokeAsync);
    }
}
