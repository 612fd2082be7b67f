using System.Globalization;
using System.Text;
using Monitoring.Hosting.ApplicationModel;
using Monitoring.Hosting.Servers;

namespace Monitoring.Hosting;

/// <summary>Adds Prometheus to the model.</summary>
public static class PrometheusBuilderExtensions
{
    /// <summary>
    /// Adds a prometheus on a free loopback port, its TSDB in the replica's state folder, healthy once
    /// <c>/-/ready</c> answers. Add targets with <see cref="WithScrapeTarget"/>.
    /// </summary>
    /// <param name="builder">The application builder.</param>
    /// <param name="name">The resource name.</param>
    /// <param name="scrapeInterval">How often targets are scraped: 1 to 60 s, default 1 s.</param>
    public static IResourceBuilder<PrometheusResource> AddPrometheus(this IDistributedApplicationBuilder builder, string name, TimeSpan? scrapeInterval = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var interval = scrapeInterval ?? TimeSpan.FromSeconds(1);
        if (interval < TimeSpan.FromSeconds(1) || interval > TimeSpan.FromSeconds(60) || interval.Milliseconds != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(scrapeInterval), interval, $"Scrape interval {interval} is out of range: use whole seconds from 1 to 60.");
        }
        var prometheus = new PrometheusResource(name, interval);
        return builder.AddResource(prometheus)
            .WithHttpEndpoint()
            .WithAnnotation(new CommandLineArgsCallbackAnnotation(async c =>
            {
                var config = Path.Combine(c.Replica.StateDirectory, "prometheus.yml");
                await File.WriteAllTextAsync(config, Config(prometheus), c.CancellationToken).ConfigureAwait(false);
                c.Args.Add($"--config.file={config}");
                c.Args.Add($"--storage.tsdb.path={c.Replica.CreateDirectory("data")}");
                c.Args.Add(string.Create(CultureInfo.InvariantCulture, $"--web.listen-address=127.0.0.1:{c.Replica.GetPort()}"));
                c.Args.Add("--log.level=warn");
            }))
            .WithHttpHealthCheck("/-/ready");
    }

    /// <summary>
    /// Scrapes <paramref name="target"/>'s endpoint (its front address when replicated) as job <c>{target name}</c>,
    /// with <c>honor_labels: true</c> so the job and instance labels pushed by services are kept.
    /// </summary>
    public static IResourceBuilder<PrometheusResource> WithScrapeTarget(this IResourceBuilder<PrometheusResource> builder,
        IResourceBuilder<IResource> target, string endpoint = "http")
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(target);
        _ = target.Resource.GetEndpoint(endpoint);
        builder.Resource.ScrapeTargets.Add((target.Resource, endpoint));
        return builder.WithAnnotation(new ReferenceAnnotation(target.Resource));
    }

    private static string Config(PrometheusResource prometheus)
    {
        var seconds = ((int)prometheus.ScrapeInterval.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        var yaml = new StringBuilder()
            .Append("global:\n  scrape_interval: ").Append(seconds).Append("s\n  evaluation_interval: ").Append(seconds).Append("s\n")
            .Append("scrape_configs:\n");
        foreach (var (target, endpoint) in prometheus.ScrapeTargets)
        {
            var address = new Uri(target.GetEndpoint(endpoint).Url).Authority;
            yaml.Append("  - job_name: '").Append(target.Name).Append("'\n")
                .Append("    honor_labels: true\n")
                .Append("    static_configs:\n")
                .Append("      - targets: ['").Append(address).Append("']\n");
        }
        return yaml.ToString();
    }
}
