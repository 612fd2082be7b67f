using System.Text.RegularExpressions;
using k8s.Models;
using YamlDotNet.RepresentationModel;

namespace MonitoringStack.AppHost.Tests.Kubernetes;

/// <summary>deploy/kubernetes as kubectl renders it: valid objects that fit together as the README describes.</summary>
public sealed partial class ManifestTests
{
    public static TheoryData<string, bool> Renderings => new()
    {
        { Manifests.Development, false }, { Manifests.Development, true }, { Manifests.Production, false }, { Manifests.Production, true },
    };

    [Theory]
    [MemberData(nameof(Renderings))]
    public async Task Render_Overlay_EveryObjectLoadsStrictlyIntoItsModel(string overlay, bool withStrimzi)
    {
        var yaml = await Manifests.RenderAsync(overlay, withStrimzi);

        var objects = Manifests.Load(yaml);

        Assert.Equal(DocumentKind().Count(yaml), objects.Count);
        Assert.Equal(withStrimzi ? ["Kafka", "KafkaNodePool"] : [], objects.OfType<Dictionary<object, object>>()
            .Select(o => (string)o["kind"]).Where(kind => kind != "KafkaTopic").Distinct().Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData(Manifests.Development)]
    [InlineData(Manifests.Production)]
    public async Task Render_Overlay_EverySelectorMatchesItsPodsAndEveryTargetPortIsTheirs(string overlay)
    {
        var rendered = await Manifests.LoadAsync(overlay);

        foreach (var workload in rendered.Workloads)
        {
            Assert.True(RenderedObjects.Selects(workload.Selector.MatchLabels, workload.Template.Metadata.Labels),
                $"{workload.Kind} {workload.Name}: its selector does not match its own pod labels");
        }
        foreach (var service in rendered.Services)
        {
            var selected = rendered.Workloads.Where(w => RenderedObjects.Selects(service.Spec.Selector, w.Template.Metadata.Labels)).ToList();
            Assert.True(selected.Count == 1, $"Service {service.Metadata.Name} selects {selected.Count} workloads");
            var ports = selected[0].Containers.SelectMany(c => c.Ports ?? []).SelectMany(p => new[] { p.Name, p.ContainerPort.ToString(System.Globalization.CultureInfo.InvariantCulture) }).ToHashSet();
            foreach (var port in service.Spec.Ports)
            {
                Assert.True(ports.Contains(port.TargetPort?.Value ?? ""), $"Service {service.Metadata.Name} targets port {port.TargetPort?.Value}, which {selected[0].Name}'s pods do not declare");
            }
        }
        foreach (var budget in rendered.All.OfType<V1PodDisruptionBudget>())
        {
            Assert.Single(rendered.Workloads, w => RenderedObjects.Selects(budget.Spec.Selector.MatchLabels, w.Template.Metadata.Labels));
        }
    }

    [Theory]
    [InlineData(Manifests.Development)]
    [InlineData(Manifests.Production)]
    public async Task Render_MetricsCache_AStatefulSetWithAHeadlessServiceToPushToAndAClusterIpServiceToScrape(string overlay)
    {
        var rendered = await Manifests.LoadAsync(overlay);

        var cache = rendered.All.OfType<V1StatefulSet>().Single(s => s.Metadata.Name == "metrics-cache");
        var headless = rendered.Services.Single(s => s.Metadata.Name == cache.Spec.ServiceName);
        var front = rendered.Services.Single(s => s.Metadata.Name == "metrics-cache");
        Assert.Equal("None", headless.Spec.ClusterIP);
        Assert.Equal(("ClusterIP", null), (front.Spec.Type, front.Spec.ClusterIP));
        Assert.Equal(front.Spec.Selector, headless.Spec.Selector);
        // The services push to the headless name (the library resolves it to every pod), on the library's default port.
        foreach (var project in rendered.Workloads.Where(w => w.Kind == "Deployment"))
        {
            var env = rendered.Container(project.Name).Env.ToDictionary(e => e.Name);
            Assert.Equal(headless.Metadata.Name, env["Monitoring__Metrics__ServiceName"].Value);
        }
        Assert.Equal(9091, headless.Spec.Ports.Single().Port);
        // Prometheus scrapes the ClusterIP service and keeps the pushed labels.
        var job = ScrapeJob(rendered, "metrics-cache");
        Assert.Equal("true", ((YamlScalarNode)job["honor_labels"]).Value);
        Assert.Equal($"{front.Metadata.Name}:{front.Spec.Ports.Single().Port}",
            ((YamlScalarNode)((YamlSequenceNode)((YamlMappingNode)((YamlSequenceNode)job["static_configs"])[0])["targets"])[0]).Value);
    }

    [Theory]
    [InlineData(Manifests.Development, "metrics-cache", 1)]
    [InlineData(Manifests.Production, "metrics-cache", 2)]
//#if (samples)
    [InlineData(Manifests.Development, "sample-web-producer", 1)]
    [InlineData(Manifests.Production, "sample-web-producer", 2)]
    [InlineData(Manifests.Production, "sample-consumer", 1)]
//#endif
    public async Task Render_Overlay_ReplicasAsDocumented(string overlay, string workload, int replicas)
    {
        var rendered = await Manifests.LoadAsync(overlay);

        Assert.Equal(replicas, rendered.Workload(workload).Replicas);
        // A budget of one available pod only where there are two to keep one of.
        Assert.Equal(replicas > 1 && workload == "metrics-cache", rendered.All.OfType<V1PodDisruptionBudget>().Any(b => b.Metadata.Name == workload));
    }

    private static YamlMappingNode ScrapeJob(RenderedObjects rendered, string name)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(rendered.ConfigMap("prometheus-config").Data["prometheus.yml"]));
        var jobs = (YamlSequenceNode)((YamlMappingNode)stream.Documents[0].RootNode)["scrape_configs"];
        return jobs.Cast<YamlMappingNode>().Single(j => ((YamlScalarNode)j["job_name"]).Value == name);
    }

    [GeneratedRegex("^kind: ", RegexOptions.Multiline)]
    private static partial Regex DocumentKind();
}
