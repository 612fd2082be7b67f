namespace Aspire.Hosting.ApplicationModel;

/// <summary>A prometheus process (Debian's package) on a loopback port, its TSDB and generated config in the run's folder.</summary>
/// <param name="name">The resource name.</param>
/// <param name="scrapeInterval">How often every target is scraped.</param>
/// <param name="command">The prometheus binary.</param>
/// <param name="workingDirectory">The run's folder for this server.</param>
public sealed class PrometheusResource(string name, TimeSpan scrapeInterval, string command, string workingDirectory)
    : ExecutableResource(name, command, workingDirectory), IResourceWithServiceDiscovery
{
    internal const string HttpEndpointName = "http";

    private EndpointReference? _endpoint;

    /// <summary>How often every target is scraped (default 1 s).</summary>
    public TimeSpan ScrapeInterval { get; } = scrapeInterval;

    /// <summary>The scrape targets: one job each, named after the target resource.</summary>
    public IList<EndpointReference> ScrapeTargets { get; } = [];

    /// <summary>Rule files (recording and alerting rules) Prometheus loads, as absolute paths; none by default.</summary>
    public IList<string> RuleFiles { get; } = [];

    /// <summary>The web UI and HTTP API endpoint.</summary>
    public EndpointReference PrimaryEndpoint => _endpoint ??= new(this, HttpEndpointName);
}
