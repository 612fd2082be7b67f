using Monitoring.Hosting.ApplicationModel;

namespace Monitoring.Hosting.Orchestration;

internal sealed partial class Orchestrator
{
    private readonly Lock _publishLock = new();

    private void Publish(IResource resource)
    {
        // One resource's replicas change from several threads; building and publishing under one lock keeps the
        // snapshots in order, so the last one published is the current state.
        lock (_publishLock)
        {
            notifications.Publish(BuildSnapshot(resource));
        }
    }

    private ResourceSnapshot BuildSnapshot(IResource resource)
    {
        var runners = _runners.GetValueOrDefault(resource) ?? [];
        var replicas = runners.Select(r => r.Snapshot).ToArray();
        var urls = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var endpoint in resource.GetEndpoints().Where(e => e.ReplicaPorts.Count > 0))
        {
            urls[endpoint.Name] = endpoint.Url;
        }
        if (resource is ExecutableResource { IsExternal: true } && resource is IResourceWithConnectionString)
        {
            urls["external"] = "configured connection string";
        }
        var type = resource is Resource r ? r.TypeName : resource.GetType().Name;
        return new ResourceSnapshot(
            resource.Name,
            type,
            ResourceSnapshot.Aggregate([.. replicas.Select(s => s.State)]),
            resource.HasHealthCheck(),
            replicas,
            urls,
            runners.Length > 0 ? runners[0].Environment : new Dictionary<string, string>(),
            [.. resource.GetReferences().Select(t => t.Name)],
            [.. resource.GetWaitDependencies().Select(t => t.Name)]);
    }
}
