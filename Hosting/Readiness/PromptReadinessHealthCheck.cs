using Aspire.Hosting;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Monitoring.Hosting.Readiness;

/// <summary>
/// A resource's health check that, until the resource has first been healthy, tries again every 100 ms within one run
/// (for up to <see cref="PromptReadinessBuilderExtensions.Window"/>) instead of reporting "not yet" at once.
/// </summary>
internal sealed class PromptReadinessHealthCheck(IHealthCheck inner, PromptReadinessHealthCheck.FirstHealthy firstHealthy, TimeProvider time) : IHealthCheck
{
    private static readonly TimeSpan RetryInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>Whether one registration's check has passed once; shared by the instances its factory makes.</summary>
    internal sealed class FirstHealthy
    {
        public volatile bool Seen;
    }

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var started = time.GetTimestamp();
        while (true)
        {
            HealthCheckResult result;
            try
            {
                result = await inner.CheckHealthAsync(context, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                result = new HealthCheckResult(context.Registration.FailureStatus, ex.Message, ex);
            }
            if (result.Status == HealthStatus.Healthy)
            {
                firstHealthy.Seen = true;
                return result;
            }
            // Once up, a failing check reports at once: a resource that goes down is shown down without delay.
            if (firstHealthy.Seen || time.GetElapsedTime(started) + RetryInterval > PromptReadinessBuilderExtensions.Window)
            {
                return result;
            }
            await Task.Delay(RetryInterval, time, cancellationToken).ConfigureAwait(false);
        }
    }
}
