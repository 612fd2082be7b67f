using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Monitoring.Lib.Metrics;
using MonitoringStack.ServiceDefaults;

namespace Microsoft.Extensions.Hosting;

/// <summary>Maps the endpoints every service exposes; see <see cref="MapDefaultEndpoints"/>.</summary>
public static class DefaultEndpointsExtensions
{
    /// <summary>
    /// Maps <c>GET /health</c> (every health check; 200 when healthy or degraded, 503 when unhealthy), <c>GET /alive</c>
    /// (only checks tagged <c>live</c>: the process answers) and <c>GET /metrics</c> (the Prometheus text that is
    /// pushed, <see cref="MetricsManager.WriteTo"/>, content type <c>text/plain; version=0.0.4</c>). They are mapped
    /// in every environment: the metrics cache, Prometheus and orchestrators probe them. Needs
    /// <c>AddServiceDefaults()</c>.
    /// </summary>
    public static TApp MapDefaultEndpoints<TApp>(this TApp app)
        where TApp : IEndpointRouteBuilder
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapHealthChecks(DefaultEndpointPaths.Health);
        app.MapHealthChecks(DefaultEndpointPaths.Alive, new HealthCheckOptions
        {
            Predicate = registration => registration.Tags.Contains(DefaultEndpointPaths.LiveTag),
        });
        app.MapGet(DefaultEndpointPaths.Metrics, WriteMetricsAsync);
        return app;
    }

    private static async Task WriteMetricsAsync(HttpContext context)
    {
        var metrics = context.RequestServices.GetRequiredService<MetricsManager>();
        context.Response.ContentType = MetricsManager.ContentType;
        metrics.WriteTo(context.Response.BodyWriter);
        await context.Response.BodyWriter.FlushAsync(context.RequestAborted);
    }
}
