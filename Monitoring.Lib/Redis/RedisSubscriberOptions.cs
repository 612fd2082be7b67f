using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Monitoring.Lib.Redis;

/// <summary>Settings of <see cref="RedisSubscriber"/>, bound from section <c>Monitoring:Redis</c> (<see cref="MonitoringSections.Redis"/>).</summary>
public sealed class RedisSubscriberOptions
{
    /// <summary>
    /// The <c>service</c> tag of recorded points. Default when registered through <c>AddRedisSubscriber()</c>: the tag
    /// of the other points (<c>Monitoring:ServiceName</c>, else <c>Monitoring:Metrics:AppName</c>/<c>APP_NAME</c>, else
    /// the application name); otherwise <c>redis-subscriber</c>.
    /// </summary>
    public string ServiceName { get; set; } = "redis-subscriber";

    /// <summary>
    /// While one outage lasts, the first connection failure and every this many after it are logged as warnings (each
    /// still records a point). Default 20.
    /// </summary>
    public int LogEveryNthFailure { get; set; } = 20;

    /// <summary>
    /// Leaves out the subscriber's health check (<c>redis-subscriber</c>, or <c>redis-subscriber_{name}</c> for a keyed
    /// subscriber; tag <c>ready</c>: a PING on the subscription connection). Default: false.
    /// </summary>
    public bool DisableHealthChecks { get; set; }

    /// <summary>
    /// What the health check reports when Redis does not answer. Default <see cref="HealthStatus.Unhealthy"/>; a service
    /// that does its main work without Redis (the sample producer takes forms) reports <see cref="HealthStatus.Degraded"/>.
    /// </summary>
    public HealthStatus HealthCheckFailureStatus { get; set; } = HealthStatus.Unhealthy;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid setting and its value.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(ServiceName))
        {
            throw new ArgumentException($"{MonitoringSections.Redis}:{nameof(ServiceName)} must not be empty.");
        }
        if (LogEveryNthFailure < 1)
        {
            throw new ArgumentException($"{MonitoringSections.Redis}:{nameof(LogEveryNthFailure)} must be at least 1, not {LogEveryNthFailure}.");
        }
    }
}
