namespace Monitoring.Hosting.Orchestration;

/// <summary>What every replica runner shares: where lines go, whom to tell about changes, timings.</summary>
internal sealed record ReplicaHost(
    ResourceLoggerService Logs,
    Action<ReplicaRunner> OnChanged,
    TimeProvider Time,
    TimeSpan StopTimeout,
    TimeSpan HealthCheckInterval);
