namespace Aspire.Hosting.ApplicationModel;

/// <summary>
/// The replicated metrics cache of the reference design: Pushgateway replicas that every service pushes to, behind
/// one front address that Prometheus scrapes (the twin of a Kubernetes StatefulSet with a ClusterIP service and a
/// headless one). The resource itself is the front: a Yarp reverse proxy, round-robin over the live replicas.
/// </summary>
/// <param name="name">The resource name.</param>
/// <param name="command">The dotnet host that runs the front.</param>
/// <param name="workingDirectory">The run's folder for the front.</param>
public sealed class MetricsCacheResource(string name, string command, string workingDirectory)
    : ExecutableResource(name, command, workingDirectory), IResourceWithServiceDiscovery
{
    internal const string HttpEndpointName = "http";

    private EndpointReference? _endpoint;

    /// <summary>The front address (the ClusterIP service's twin).</summary>
    public EndpointReference PrimaryEndpoint => _endpoint ??= new(this, HttpEndpointName);

    /// <summary>The replicas, in index order (the headless service's twin).</summary>
    public IReadOnlyList<PushgatewayResource> Replicas => ReplicaList;

    internal List<PushgatewayResource> ReplicaList { get; } = [];
}
