namespace Monitoring.Hosting.Orchestration;

/// <summary>The state of one resource and its replicas at one moment, in the shape a dashboard shows.</summary>
/// <param name="Name">The resource name.</param>
/// <param name="Type">The resource type (Redis, Project, Parameter…).</param>
/// <param name="State">The aggregated state of its replicas (see <see cref="Aggregate"/>).</param>
/// <param name="HasHealthCheck">True when the resource has a health check.</param>
/// <param name="Replicas">Each replica; empty for a resource without process (a parameter, an external cluster).</param>
/// <param name="Urls">The addresses others use, by endpoint name (front addresses for replicated resources).</param>
/// <param name="Environment">The variables set on its processes at their last start, secrets shown as "****".</param>
/// <param name="References">The resources it references.</param>
/// <param name="WaitsFor">The resources it waits for.</param>
public sealed record ResourceSnapshot(
    string Name,
    string Type,
    ReplicaState State,
    bool HasHealthCheck,
    IReadOnlyList<ReplicaSnapshot> Replicas,
    IReadOnlyDictionary<string, string> Urls,
    IReadOnlyDictionary<string, string> Environment,
    IReadOnlyList<string> References,
    IReadOnlyList<string> WaitsFor)
{
    /// <summary>True when the resource is ready for those that wait for it: every replica healthy, or running without health check.</summary>
    public bool IsReady => Replicas.Count == 0 || Replicas.All(r =>
        r.State == ReplicaState.Healthy || (!HasHealthCheck && r.State == ReplicaState.Running));

    /// <summary>
    /// Aggregates replica states: a failed start wins, then any replica still on its way (Waiting, Starting,
    /// Stopping), then Unhealthy, Running, Healthy; Exited only when all replicas exited.
    /// </summary>
    public static ReplicaState Aggregate(IReadOnlyCollection<ReplicaState> states)
    {
        ArgumentNullException.ThrowIfNull(states);
        ReplicaState[] order =
        [
            ReplicaState.FailedToStart, ReplicaState.Starting, ReplicaState.Stopping, ReplicaState.Waiting,
            ReplicaState.Unhealthy, ReplicaState.Running, ReplicaState.Healthy,
        ];
        foreach (var state in order)
        {
            if (states.Contains(state))
            {
                return state;
            }
        }
        return states.Count == 0 ? ReplicaState.Running : ReplicaState.Exited;
    }
}
