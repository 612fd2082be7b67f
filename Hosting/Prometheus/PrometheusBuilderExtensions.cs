using Aspire.Hosting.ApplicationModel;
using Monitoring.Hosting.Internal;
using Monitoring.Hosting.Prometheus;

namespace Aspire.Hosting;

/// <summary>Adds Prometheus (Debian's package) to the app model.</summary>
public static class PrometheusBuilderExtensions
{
    /// <summary>
    /// Adds a prometheus on 127.0.0.1 and a port Aspire allocates (endpoint <c>http</c>), its TSDB in the run's folder,
    /// healthy once <c>/-/ready</c> answers. Add targets with <see cref="WithScrapeTarget"/>; the config is generated
    /// from them before every start.
    /// </summary>
    /// <param name="builder">The application builder.</param>
    /// <param name="name">The resource name.</param>
    /// <param name="scrapeInterval">How often targets are scraped: whole seconds from 1 to 60, default 1 s.</param>
    public static IResourceBuilder<PrometheusResource> AddPrometheus(this IDistributedApplicationBuilder builder, string name, TimeSpan? scrapeInterval = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var interval = scrapeInterval ?? TimeSpan.FromSeconds(1);
        if (interval < TimeSpan.FromSeconds(1) || interval > TimeSpan.FromSeconds(60) || interval.Milliseconds != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(scrapeInterval), interval, $"Scrape interval {interval} is out of range: use whole seconds from 1 to 60.");
        }
        var directory = ServerDirectories.For(builder, name);
        var config = Path.Combine(directory, "prometheus.yml");
        var prometheus = new PrometheusResource(name, interval, ServerExecutable.Resolve("prometheus"), directory);
        builder.Eventing.Subscribe<BeforeResourceStartedEvent>(prometheus, (_, cancellationToken) =>
            File.WriteAllTextAsync(config, PrometheusConfig.Create(prometheus), cancellationToken));
        return builder.AddResource(prometheus)
            .WithHttpEndpoint(name: PrometheusResource.HttpEndpointName, isProxied: false)
            .WithArgs(context =>
            {
                context.Args.Add($"--config.file={config}");
                context.Args.Add($"--storage.tsdb.path={Path.Combine(directory, "data")}");
                context.Args.Add(ReferenceExpression.Create($"--web.listen-address=127.0.0.1:{prometheus.PrimaryEndpoint.Property(EndpointProperty.TargetPort)}"));
                context.Args.Add("--log.level=warn");
            })
            .WithHttpHealthCheck("/-/ready", endpointName: PrometheusResource.HttpEndpointName)
            .WithUrlForEndpoint(PrometheusResource.HttpEndpointName, url => url.DisplayText = "Prometheus")
            .ReportMissing("prometheus", "prometheus")
            .WithIconName("DataArea");
    }

    /// <summary>
    /// Scrapes <paramref name="target"/>'s <paramref name="endpointName"/> endpoint as job <c>{target name}</c>
    /// (<c>honor_labels: true</c>), and waits for the target before Prometheus starts (its port goes in the config).
    /// </summary>
    /// <param name="builder">The Prometheus resource.</param>
    /// <param name="target">A resource with an HTTP endpoint serving <c>/metrics</c>.</param>
    /// <param name="endpointName">The target's endpoint (default <c>http</c>).</param>
    public static IResourceBuilder<PrometheusResource> WithScrapeTarget<T>(this IResourceBuilder<PrometheusResource> builder,
        IResourceBuilder<T> target, string endpointName = "http")
        where T : class, IResourceWithEndpoints
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(target);
        builder.Resource.ScrapeTargets.Add(target.GetEndpoint(endpointName));
        return builder.WithReferenceRelationship(target.Resource).WaitFor(target);
    }

    /// <summary>
    /// Loads the rules (alerting or recording) of <paramref name="path"/>, a Prometheus rule file, read at every start;
    /// its alerts show on Prometheus' <c>/alerts</c> page and its rules on <c>/rules</c>.
    /// </summary>
    /// <param name="builder">The Prometheus resource.</param>
    /// <param name="path">The rule file; relative paths are taken from the AppHost's folder.</param>
    /// <exception cref="FileNotFoundException">No file at <paramref name="path"/>.</exception>
    public static IResourceBuilder<PrometheusResource> WithRuleFile(this IResourceBuilder<PrometheusResource> builder, string path)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var file = Path.GetFullPath(path, builder.ApplicationBuilder.AppHostDirectory);
        if (!File.Exists(file))
        {
            throw new FileNotFoundException($"Prometheus rule file {file} does not exist.", file);
        }
        builder.Resource.RuleFiles.Add(file);
        return builder;
    }

    /// <summary>Adds a dashboard link to Prometheus' graph of <paramref name="expression"/>, shown as <paramref name="displayText"/>.</summary>
    public static IResourceBuilder<PrometheusResource> WithGraphUrl(this IResourceBuilder<PrometheusResource> builder, string expression, string displayText)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.WithUrls(context =>
        {
            var endpoint = builder.Resource.PrimaryEndpoint;
            if (endpoint.IsAllocated)
            {
                context.Urls.Add(new ResourceUrlAnnotation
                {
                    Url = $"{endpoint.Url}/graph?g0.expr={Uri.EscapeDataString(expression)}&g0.tab=0&g0.range_input=15m",
                    DisplayText = displayText,
                });
            }
        });
    }
}
