namespace Aspire.Hosting.ApplicationModel;

/// <summary>
/// One replica of the metrics cache: a prometheus-pushgateway process (Debian's package) on a loopback port, its
/// state in memory only. The dashboard shows each replica as a child of its metrics cache, with its own stop and start.
/// </summary>
/// <param name="name">The resource name, <c>{cache}-{index}</c>.</param>
/// <param name="command">The prometheus-pushgateway binary.</param>
/// <param name="workingDirectory">The run's folder for this replica.</param>
public sealed class PushgatewayResource(string name, string command, string workingDirectory)
    : ExecutableResource(name, command, workingDirectory), IResourceWithServiceDiscovery
{
    internal const string HttpEndpointName = "http";

    private EndpointReference? _endpoint;

    /// <summary>The replica's HTTP endpoint, where services PUT their metrics.</summary>
    public EndpointReference PrimaryEndpoint => _endpoint ??= new(this, HttpEndpointName);
}
