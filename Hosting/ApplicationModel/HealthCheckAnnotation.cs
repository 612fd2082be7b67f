namespace Monitoring.Hosting.ApplicationModel;

/// <summary>
/// How the host knows a replica is healthy. Polled while it runs; a resource with one is ready for
/// <c>WaitFor</c> once healthy, one without once running.
/// </summary>
/// <param name="description">What is checked, for messages (e.g. "GET /-/ready").</param>
/// <param name="check">True when healthy; an exception or false means unhealthy.</param>
public sealed class HealthCheckAnnotation(string description, Func<ReplicaContext, CancellationToken, Task<bool>> check) : IResourceAnnotation
{
    /// <summary>What is checked.</summary>
    public string Description { get; } = description;

    /// <summary>The check.</summary>
    public Func<ReplicaContext, CancellationToken, Task<bool>> Check { get; } = check;
}
