using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Monitoring.Lib.Metrics;

namespace Monitoring.Lib.Tests.Metrics;

/// <summary>A host configured as an app under the local host would be: replicas injected as Monitoring__Metrics__ReplicaUrls__N.</summary>
internal static class MetricsHost
{
    public static IHost Build(string app, string pod, IEnumerable<string> replicaUrls, double pushTimeoutSeconds = 0.8, int pushRateSeconds = 1)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        var settings = new Dictionary<string, string?>
        {
            ["APP_NAME"] = app,
            ["HOSTNAME"] = pod,
            ["METRICS_PUSH_RATE"] = pushRateSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Monitoring:Metrics:PushTimeout"] = pushTimeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        var i = 0;
        foreach (var url in replicaUrls)
        {
            settings[$"Monitoring:Metrics:ReplicaUrls:{i++}"] = url;
        }
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddMonitoringMetrics();
        return builder.Build();
    }

    public static MetricsManager Metrics(this IHost host) => host.Services.GetRequiredService<MetricsManager>();

    public static MetricsPusher Pusher(this IHost host) => host.Services.GetRequiredService<MetricsPusher>();

    /// <summary>The pusher's view of every replica, for failure messages.</summary>
    public static string DescribePushes(this IHost host) =>
        string.Join("; ", host.Pusher().GetStatus().Select(s => $"{s.Url}: ok {s.PushesSucceeded}, failed {s.PushesFailed}, last error {s.LastError}"));

    public static string NewPodName() => "pod-" + Guid.NewGuid().ToString("N")[..8];
}
