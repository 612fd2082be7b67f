using k8s.Models;
using static MonitoringStack.AppHost.Tests.ModelQueries;

namespace MonitoringStack.AppHost.Tests.Kubernetes;

/// <summary>
/// deploy/kubernetes held against the AppHost's model (AppHost.cs, built and never started): the same resources, each
/// service given the same settings under the same names, probes on the paths the services map, ports that line up.
/// </summary>
public sealed class KubernetesModelTests
{
    /// <summary>
    /// What the AppHost gives a service that has no meaning in a cluster: the dashboard's OTLP settings (a cluster names
    /// its collector: OTEL_EXPORTER_OTLP_ENDPOINT), the ports and URLs Aspire allocates, each metrics-cache replica's URL
    /// (the headless service replaces them), DevKafka's development tuning, and Aspire's own service discovery entries
    /// (<c>services__*</c>, <c>METRICS_CACHE_HTTP</c>) for the front address, which nothing reads.
    /// </summary>
    private static readonly string[] LocalOnlyPrefixes =
    [
        "OTEL_EXPORTER_OTLP_PROTOCOL", "OTEL_EXPORTER_OTLP_TIMEOUT", "OTEL_EXPORTER_OTLP_HEADERS", "OTEL_RESOURCE_ATTRIBUTES",
        "OTEL_BLRP_", "OTEL_BSP_", "OTEL_METRIC_EXPORT_INTERVAL", "OTEL_METRICS_EXEMPLAR_FILTER", "OTEL_TRACES_SAMPLER",
        "OTEL_DOTNET_EXPERIMENTAL_", "ASPNETCORE_URLS", "ASPNETCORE_FORWARDEDHEADERS_ENABLED", "HTTP_PORTS", "LOGGING__CONSOLE",
        "DOTNET_SYSTEM_CONSOLE_", "DOTNET_LAUNCH_PROFILE", "services__", "METRICS_CACHE_HTTP", "Monitoring__Metrics__ReplicaUrls__",
        "Monitoring__Kafka__SessionTimeout", "Aspire__Confluent__Kafka__",
    ];

    /// <summary>
    /// What a cluster gives in their place: the headless service's name, the port the container listens on, and the
    /// collector telemetry goes to (the AppHost's dashboard address exists only while it runs, so the model has none).
    /// </summary>
    private static readonly string[] ClusterOnly = ["Monitoring__Metrics__ServiceName", "ASPNETCORE_HTTP_PORTS", "OTEL_EXPORTER_OTLP_ENDPOINT"];

    /// <summary>The addresses the services are given for Redis and InfluxDB: the services of those names, on their ports.</summary>
    private static readonly string[] ServerAddresses = ["redis:6379", "http://influxdb:8086"];

    [Theory]
    [InlineData(Manifests.Development)]
    [InlineData(Manifests.Production)]
    public async Task Overlay_Workloads_AreTheAppHostsResources(string overlay)
    {
        await using var app = await BuiltModel.BuildAsync();
        var rendered = await Manifests.LoadAsync(overlay);

        // Kafka is the cluster's own (or Strimzi's); the cache replicas are the StatefulSet's pods; parameters are Secrets;
        // Aspire's project rebuilders never leave the machine.
        var expected = app.Model.Resources
            .Where(r => r is not ParameterResource and not PushgatewayResource && !r.IsExcludedFromPublish() && r.Name != "kafka")
            .Select(r => r.Name).Order(StringComparer.Ordinal);
        Assert.Equal(expected, rendered.Workloads.Select(w => w.Name).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData(Manifests.Development)]
    [InlineData(Manifests.Production)]
    public async Task Overlay_EveryProjectsEnvironment_NamesWhatTheAppHostGivesIt(string overlay)
    {
        await using var app = await BuiltModel.BuildAsync();
        var rendered = await Manifests.LoadAsync(overlay);

        foreach (var project in app.Model.Resources.OfType<ProjectResource>())
        {
            var given = await EnvironmentOf(project);
            var inCluster = rendered.Container(project.Name).Env.ToDictionary(e => e.Name);
            var notInModel = inCluster.Keys.Except(given.Keys).Except(ClusterOnly).ToList();
            Assert.True(notInModel.Count == 0, $"{project.Name} in {overlay} sets {string.Join(", ", notInModel)}, which the AppHost never gives it");
            var missing = given.Keys.Where(name => !LocalOnlyPrefixes.Any(name.StartsWith)).Except(inCluster.Keys).ToList();
            Assert.True(missing.Count == 0, $"{project.Name} in {overlay} lacks {string.Join(", ", missing)}, which the AppHost gives it");
            foreach (var (name, value) in given.Where(g => inCluster.ContainsKey(g.Key) && !g.Value.Contains('{', StringComparison.Ordinal)))
            {
                // A value the AppHost writes out (no reference to another resource) is the same in the cluster.
                Assert.True(inCluster[name].Value == value, $"{project.Name}: {name} is '{inCluster[name].Value}' in {overlay}, '{value}' under the AppHost");
            }
        }
    }

    [Theory]
    [InlineData(Manifests.Development)]
    [InlineData(Manifests.Production)]
    public async Task Overlay_ProbesAndPorts_AreWhatTheServicesListenOnAndMap(string overlay)
    {
        await using var app = await BuiltModel.BuildAsync();
        var rendered = await Manifests.LoadAsync(overlay);

        foreach (var project in app.Model.Resources.OfType<ProjectResource>())
        {
            var container = rendered.Container(project.Name);
            // ServiceDefaults' MapDefaultEndpoints: /health (every check, as the AppHost's health check asks) and /alive.
            Assert.Equal(("/health", "/alive"), (container.ReadinessProbe?.HttpGet?.Path, container.LivenessProbe?.HttpGet?.Path));
            var http = Assert.Single(container.Ports, p => p.Name == "http");
            Assert.Equal(http.ContainerPort.ToString(System.Globalization.CultureInfo.InvariantCulture), container.Env.Single(e => e.Name == "ASPNETCORE_HTTP_PORTS").Value);
            Assert.Contains(project.Annotations.OfType<EndpointAnnotation>(), e => e.Name == "http");
        }
        // The addresses the services are given point at services that exist, on the ports those services open.
        foreach (var (service, port) in new[] { ("redis", 6379), ("influxdb", 8086), ("metrics-cache-headless", 9091), ("prometheus", 9090) })
        {
            Assert.Contains(rendered.Services.Single(s => s.Metadata.Name == service).Spec.Ports, p => p.Port == port);
        }
        foreach (var variable in rendered.Workloads.SelectMany(w => w.Containers).SelectMany(c => c.Env ?? []).Where(v => v.Name is "ConnectionStrings__redis" or "ConnectionStrings__influxdb" or "Monitoring__Influx__Url"))
        {
            Assert.Contains(variable.Value, ServerAddresses);
        }
    }

    [Theory]
    [InlineData(Manifests.Development)]
    [InlineData(Manifests.Production)]
    public async Task Overlay_ProjectImages_AreWhatTheirProjectsPublish(string overlay)
    {
        await using var app = await BuiltModel.BuildAsync();
        var rendered = await Manifests.LoadAsync(overlay);

        foreach (var project in app.Model.Resources.OfType<ProjectResource>())
        {
            // dotnet publish -t:PublishContainer names the image from these two properties of the project file.
            var file = System.Xml.Linq.XDocument.Load(project.GetProjectMetadata().ProjectPath);
            string? Property(string name) => file.Descendants(name).SingleOrDefault()?.Value;
            Assert.Equal($"{Property("ContainerRepository")}:{Property("ContainerImageTag")}", rendered.Container(project.Name).Image);
        }
    }
}
