using Monitoring.Hosting.ApplicationModel;

namespace Monitoring.Hosting.Servers;

/// <summary>
/// The metrics cache: prometheus-pushgateway replicas (Debian package prometheus-pushgateway) behind one front
/// address that Prometheus scrapes; services push to every replica, so losing one loses nothing.
/// </summary>
public sealed class MetricsCacheResource : ExecutableResource
{
    internal MetricsCacheResource(string name)
        : base(name, "/usr/bin/prometheus-pushgateway") => DebianPackage = "prometheus-pushgateway";

    /// <summary>The front address (balanced over live replicas).</summary>
    public string Url => this.GetEndpoint().Url;

    /// <summary>Every replica's own address, in replica order.</summary>
    public IReadOnlyList<string> ReplicaUrls
    {
        get
        {
            var endpoint = this.GetEndpoint();
            return [.. Enumerable.Range(0, endpoint.ReplicaPorts.Count).Select(endpoint.GetReplicaUrl)];
        }
    }
}
