using k8s.Models;

namespace MonitoringStack.AppHost.Tests.Kubernetes;

/// <summary>One overlay's objects, with the views the tests ask for.</summary>
internal sealed class RenderedObjects(IReadOnlyList<object> objects)
{
    public IReadOnlyList<object> All => objects;

    public IEnumerable<V1Service> Services => objects.OfType<V1Service>();

    /// <summary>Deployments and StatefulSets.</summary>
    public IEnumerable<Workload> Workloads =>
        objects.OfType<V1Deployment>().Select(d => new Workload(d.Kind, d.Metadata.Name, d.Spec.Selector, d.Spec.Template, d.Spec.Replicas))
            .Concat(objects.OfType<V1StatefulSet>().Select(s => new Workload(s.Kind, s.Metadata.Name, s.Spec.Selector, s.Spec.Template, s.Spec.Replicas)));

    public Workload Workload(string name) => Workloads.Single(w => w.Name == name);

    /// <summary>The main container of a workload: the one named after it, or its only one.</summary>
    public V1Container Container(string workload)
    {
        var containers = Workload(workload).Template.Spec.Containers;
        return containers.SingleOrDefault(c => c.Name == workload) ?? containers.Single();
    }

    public V1ConfigMap ConfigMap(string namePrefix) => objects.OfType<V1ConfigMap>().Single(c => c.Metadata.Name.StartsWith(namePrefix + "-", StringComparison.Ordinal));

    /// <summary>True when every label of <paramref name="selector"/> is on <paramref name="labels"/> with the same value.</summary>
    public static bool Selects(IDictionary<string, string>? selector, IDictionary<string, string>? labels) =>
        selector is { Count: > 0 } && labels is not null && selector.All(pair => labels.TryGetValue(pair.Key, out var value) && value == pair.Value);
}
