using Monitoring.Hosting.ApplicationModel;

namespace Monitoring.Hosting.Servers;

/// <summary>A prometheus 2.x (Debian package prometheus) whose scrape config is generated from the model.</summary>
public sealed class PrometheusResource : ExecutableResource
{
    internal PrometheusResource(string name, TimeSpan scrapeInterval)
        : base(name, "/usr/bin/prometheus")
    {
        DebianPackage = "prometheus";
        ScrapeInterval = scrapeInterval;
    }

    /// <summary>How often every target is scraped.</summary>
    public TimeSpan ScrapeInterval { get; }

    /// <summary>The scraped resources and the endpoint of each (its front address when replicated).</summary>
    public IList<(IResource Target, string Endpoint)> ScrapeTargets { get; } = [];

    /// <summary>The web/API address.</summary>
    public string Url => this.GetEndpoint().Url;
}
