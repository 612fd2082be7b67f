using k8s.Models;

namespace MonitoringStack.AppHost.Tests.Kubernetes;

/// <summary>What the tests read of a Deployment or a StatefulSet.</summary>
internal sealed record Workload(string Kind, string Name, V1LabelSelector Selector, V1PodTemplateSpec Template, int? Replicas)
{
    public IEnumerable<V1Container> Containers => (Template.Spec.InitContainers ?? []).Concat(Template.Spec.Containers);
}
