using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Monitoring.Hosting.Readiness;

namespace Aspire.Hosting;

/// <summary>Marks resources healthy as soon as they are ready when the app model starts.</summary>
public static class PromptReadinessBuilderExtensions
{
    /// <summary>How long one health check run keeps trying while its resource has never been healthy: 5 s.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Until a resource has first been healthy, each run of its health checks tries again every 100 ms for up to
    /// <see cref="Window"/> (5 s) instead of failing at once. Aspire runs a failing check again after 1, 2, 3, 4, then
    /// every 5 s, so a server ready 1.2 s after it started was seen at 3 s, and what waits for it (<c>WaitFor</c>)
    /// started that much later; with this, within about 0.1 s. Once a resource has been healthy its checks report
    /// failures at once again. Applies to every health check registered in the AppHost.
    /// </summary>
    public static IDistributedApplicationBuilder AddPromptReadiness(this IDistributedApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.PostConfigure<HealthCheckServiceOptions>(options =>
        {
            foreach (var registration in options.Registrations)
            {
                var factory = registration.Factory;
                var firstHealthy = new PromptReadinessHealthCheck.FirstHealthy();
                registration.Factory = services => new PromptReadinessHealthCheck(factory(services), firstHealthy,
                    services.GetService<TimeProvider>() ?? TimeProvider.System);
            }
        });
        return builder;
    }
}
