using System.Globalization;
using Aspire.Hosting.ApplicationModel;
using Monitoring.Hosting.Internal;

namespace Aspire.Hosting;

/// <summary>Adds the replicated metrics cache (Pushgateway replicas behind a Yarp front address) to the app model.</summary>
public static class MetricsCacheBuilderExtensions
{
    private const string Cluster = "metrics-cache";

    /// <summary>
    /// Adds <paramref name="replicas"/> prometheus-pushgateway resources <c>{name}-0</c>, <c>{name}-1</c>, … (state in
    /// memory only, healthy once <c>/-/ready</c> answers, each stoppable on its own) and the front <paramref name="name"/>:
    /// a Yarp reverse proxy that sends each request to the next replica that passes its 1 s <c>/-/ready</c> check
    /// (round-robin), and takes a replica out after one failed check, or when requests to it fail at the transport level
    /// (passive check; back after 2 s). The front is healthy while one replica is.
    /// Reference it with <see cref="WithReference{T}(IResourceBuilder{T}, IResourceBuilder{MetricsCacheResource})"/>.
    /// </summary>
    /// <param name="builder">The application builder.</param>
    /// <param name="name">The resource name (the front's).</param>
    /// <param name="replicas">The number of Pushgateway replicas, 1 to 9 (default 2).</param>
    public static IResourceBuilder<MetricsCacheResource> AddMetricsCache(this IDistributedApplicationBuilder builder, string name, int replicas = 2)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (replicas is < 1 or > 9)
        {
            throw new ArgumentOutOfRangeException(nameof(replicas), replicas, $"Metrics cache replica count {replicas} is out of range: use 1 to 9.");
        }
        var cache = new MetricsCacheResource(name, DotnetProgram.Host, ServerDirectories.For(builder, name));
        var front = builder.AddResource(cache)
            .WithHttpEndpoint(name: MetricsCacheResource.HttpEndpointName, isProxied: false)
            .WithArgs(DotnetProgram.Dll("MetricsCacheFront"))
            .WithEnvironment("ASPNETCORE_URLS", ReferenceExpression.Create($"http://127.0.0.1:{cache.PrimaryEndpoint.Property(EndpointProperty.TargetPort)}"))
            .WithEnvironment("ReverseProxy__Routes__all__ClusterId", Cluster)
            .WithEnvironment("ReverseProxy__Routes__all__Match__Path", "{**path}")
            .WithEnvironment($"ReverseProxy__Clusters__{Cluster}__LoadBalancingPolicy", "RoundRobin")
            .WithEnvironment($"ReverseProxy__Clusters__{Cluster}__HealthCheck__Active__Enabled", "true")
            .WithEnvironment($"ReverseProxy__Clusters__{Cluster}__HealthCheck__Active__Interval", "00:00:01")
            .WithEnvironment($"ReverseProxy__Clusters__{Cluster}__HealthCheck__Active__Timeout", "00:00:01")
            .WithEnvironment($"ReverseProxy__Clusters__{Cluster}__HealthCheck__Active__Policy", "ConsecutiveFailures")
            .WithEnvironment($"ReverseProxy__Clusters__{Cluster}__HealthCheck__Active__Path", "/-/ready")
            .WithEnvironment($"ReverseProxy__Clusters__{Cluster}__Metadata__ConsecutiveFailuresHealthPolicy.Threshold", "1")
            .WithEnvironment($"ReverseProxy__Clusters__{Cluster}__HealthCheck__Passive__Enabled", "true")
            .WithEnvironment($"ReverseProxy__Clusters__{Cluster}__HealthCheck__Passive__ReactivationPeriod", "00:00:02")
            .WithHttpHealthCheck("/-/ready", endpointName: MetricsCacheResource.HttpEndpointName)
            .WithUrlForEndpoint(MetricsCacheResource.HttpEndpointName, url => url.DisplayText = "Front address (Prometheus scrapes it)")
            .WithIconName("ArrowSplit");
        for (var index = 0; index < replicas; index++)
        {
            var replica = AddReplica(builder, front, string.Create(CultureInfo.InvariantCulture, $"{name}-{index}"));
            cache.ReplicaList.Add(replica.Resource);
            front.WithEnvironment($"ReverseProxy__Clusters__{Cluster}__Destinations__{replica.Resource.Name}__Address", replica.Resource.PrimaryEndpoint);
        }
        return front;
    }

    /// <summary>
    /// Injects <c>services__{name}__http__0</c> (the front address) and Monitoring.Lib's
    /// <c>Monitoring__Metrics__ReplicaUrls__0..N-1</c> (every replica: services push to all of them), and waits for nothing:
    /// add <c>WaitFor</c> where a service must not start before the cache.
    /// </summary>
    public static IResourceBuilder<T> WithReference<T>(this IResourceBuilder<T> builder, IResourceBuilder<MetricsCacheResource> cache)
        where T : IResourceWithEnvironment
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(cache);
        builder.WithReference((IResourceBuilder<IResourceWithServiceDiscovery>)cache);
        for (var index = 0; index < cache.Resource.Replicas.Count; index++)
        {
            builder.WithEnvironment(string.Create(CultureInfo.InvariantCulture, $"Monitoring__Metrics__ReplicaUrls__{index}"),
                cache.Resource.Replicas[index].PrimaryEndpoint);
        }
        return builder;
    }

    private static IResourceBuilder<PushgatewayResource> AddReplica(IDistributedApplicationBuilder builder,
        IResourceBuilder<MetricsCacheResource> front, string name)
    {
        var replica = new PushgatewayResource(name, ServerExecutable.Resolve("prometheus-pushgateway"), ServerDirectories.For(builder, name));
        return builder.AddResource(replica)
            .WithHttpEndpoint(name: PushgatewayResource.HttpEndpointName, isProxied: false)
            .WithArgs(context =>
            {
                context.Args.Add(ReferenceExpression.Create($"--web.listen-address=127.0.0.1:{replica.PrimaryEndpoint.Property(EndpointProperty.TargetPort)}"));
                // Debian's default keeps state in one file shared by every instance on the machine.
                context.Args.Add("--persistence.file=");
                context.Args.Add("--log.level=warn");
            })
            .WithHttpHealthCheck("/-/ready", endpointName: PushgatewayResource.HttpEndpointName)
            .WithParentRelationship(front)
            .ReportMissing("prometheus-pushgateway", "prometheus-pushgateway")
            .WithIconName("Box");
    }
}
