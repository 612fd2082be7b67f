using System.Globalization;
using Monitoring.Hosting.ApplicationModel;
using Monitoring.Hosting.Servers;

namespace Monitoring.Hosting;

/// <summary>Adds the replicated metrics cache to the model.</summary>
public static class MetricsCacheBuilderExtensions
{
    /// <summary>
    /// Adds <paramref name="replicas"/> prometheus-pushgateway processes (default 2) behind a front address, each
    /// keeping its state in memory only (<c>--persistence.file=</c>: Debian's default is a file shared by every
    /// instance); healthy once <c>/-/ready</c> answers. Referencing it injects <c>services__{name}__http__0</c> (the
    /// front address) and <c>Monitoring__Metrics__ReplicaUrls__0..N-1</c> (every replica, where services push).
    /// </summary>
    public static IResourceBuilder<MetricsCacheResource> AddMetricsCache(this IDistributedApplicationBuilder builder, string name, int replicas = 2)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var cache = new MetricsCacheResource(name);
        return builder.AddResource(cache)
            .WithHttpEndpoint()
            .WithReplicas(replicas)
            .WithAnnotation(new CommandLineArgsCallbackAnnotation(c =>
            {
                c.Args.Add(string.Create(CultureInfo.InvariantCulture, $"--web.listen-address=127.0.0.1:{c.Replica.GetPort()}"));
                c.Args.Add("--persistence.file=");
                c.Args.Add("--log.level=warn");
                return Task.CompletedTask;
            }))
            .WithHttpHealthCheck("/-/ready")
            .WithAnnotation(new ReferenceEnvironmentAnnotation(c =>
            {
                var urls = cache.ReplicaUrls;
                for (var i = 0; i < urls.Count; i++)
                {
                    c.Variables[string.Create(CultureInfo.InvariantCulture, $"Monitoring__Metrics__ReplicaUrls__{i}")] = urls[i];
                }
                return Task.CompletedTask;
            }));
    }
}
