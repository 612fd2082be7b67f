namespace Monitoring.Hosting.Orchestration;

/// <summary>Where a replica (or, aggregated, a resource) is in its life.</summary>
public enum ReplicaState
{
    /// <summary>Not started yet: waiting for the resources it waits for.</summary>
    Waiting,

    /// <summary>Its config and environment are being prepared and the process launched.</summary>
    Starting,

    /// <summary>The process runs; it has no health check, or its health check has not passed yet.</summary>
    Running,

    /// <summary>The process runs and its health check passes.</summary>
    Healthy,

    /// <summary>The process runs but its health check, which passed before, fails now.</summary>
    Unhealthy,

    /// <summary>Asked to stop: SIGTERM sent, SIGKILL after the stop timeout.</summary>
    Stopping,

    /// <summary>The process ended; see the exit code.</summary>
    Exited,

    /// <summary>The process could not be started; see the reason.</summary>
    FailedToStart,
}
