namespace Monitoring.Hosting.ApplicationModel;

/// <summary>Reads a resource's annotations.</summary>
public static class ResourceExtensions
{
    /// <summary>The number of replicas (default 1).</summary>
    public static int GetReplicaCount(this IResource resource) =>
        resource.Annotations.OfType<ReplicaAnnotation>().LastOrDefault()?.Replicas ?? 1;

    /// <summary>The endpoints, in declaration order.</summary>
    public static IEnumerable<EndpointAnnotation> GetEndpoints(this IResource resource) =>
        resource.Annotations.OfType<EndpointAnnotation>();

    /// <summary>The endpoint named <paramref name="name"/>.</summary>
    /// <exception cref="InvalidOperationException">The resource has no such endpoint.</exception>
    public static EndpointAnnotation GetEndpoint(this IResource resource, string name = "http") =>
        resource.GetEndpoints().FirstOrDefault(e => e.Name == name)
        ?? throw new InvalidOperationException($"Resource '{resource.Name}' has no endpoint named '{name}'.");

    /// <summary>The resources this one waits for.</summary>
    public static IEnumerable<IResource> GetWaitDependencies(this IResource resource) =>
        resource.Annotations.OfType<WaitAnnotation>().Select(a => a.Dependency);

    /// <summary>The resources this one references.</summary>
    public static IEnumerable<IResource> GetReferences(this IResource resource) =>
        resource.Annotations.OfType<ReferenceAnnotation>().Select(a => a.Target);

    /// <summary>True when the resource has a health check.</summary>
    public static bool HasHealthCheck(this IResource resource) =>
        resource.Annotations.OfType<HealthCheckAnnotation>().Any();
}
