using System.Diagnostics;
using Microsoft.Extensions.Options;
using Monitoring.Lib.Metrics;
using OpenTelemetry;
using OpenTelemetry.Trace;

namespace Monitoring.Lib.Tests.Metrics;

/// <summary>The layer's own HTTP makes no spans under OpenTelemetry's HttpClient instrumentation; a service's own HTTP does.</summary>
[Collection(MetricsCacheGroup.Name)]
public sealed class MonitoringTrafficTests(MetricsCacheFixture cache)
{
    [Fact]
    public async Task Push_MakesNoHttpClientSpan_WhileTheServicesOwnRequestToTheSameServerDoes()
    {
        var exported = new List<Activity>();
        using var tracing = Sdk.CreateTracerProviderBuilder().AddHttpClientInstrumentation().AddInMemoryExporter(exported).Build();
        using var manager = TestMetrics.CreateManager("traffic");
        var options = new MetricsOptions { AppName = "traffic", PodName = "traffic-pod" };
        options.ReplicaUrls.Add(cache.ReplicaA.Url);
        using var pusher = new MetricsPusher(manager, Options.Create(options), new CapturingLogger<MetricsPusher>(), TimeProvider.System);
        using var http = new HttpClient();

        Assert.Equal(1, await pusher.PushAsync(TestContext.Current.CancellationToken));
        using (var ready = await http.GetAsync(cache.ReplicaA.Url + "/-/ready", TestContext.Current.CancellationToken))
        {
            ready.EnsureSuccessStatusCode();
        }
        tracing.ForceFlush();

        var urls = exported.Select(span => span.GetTagItem("url.full") as string).ToList();
        Assert.Contains(cache.ReplicaA.Url + "/-/ready", urls);
        Assert.DoesNotContain(urls, url => url?.Contains("/metrics/job/traffic-pod", StringComparison.Ordinal) == true);
    }
}
