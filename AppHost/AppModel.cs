using Monitoring.Hosting;

namespace Monitoring.AppHost;

/// <summary>The template's app model; Program.cs runs it, and tests start exactly the same one.</summary>
public static class AppModel
{
    /// <summary>Adds the template's resources to <paramref name="builder"/>.</summary>
    public static void Configure(IDistributedApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);

        // DevKafka (in memory, development only) unless ConnectionStrings__kafka names an existing cluster.
        builder.AddKafka("kafka")
            .WithTopic("forms", partitions: 4)
            .WithTopic("outgoing", partitions: 4)
            .WithTopic("forms.dlq", partitions: 1);

        builder.AddRedis("redis");

        builder.AddInfluxDb("influxdb", database: "monitoring");

        // Services push to every replica; Prometheus scrapes them through one front address.
        var metricsCache = builder.AddMetricsCache("metrics-cache", replicas: 2);

        builder.AddPrometheus("prometheus", scrapeInterval: TimeSpan.FromSeconds(1))
            .WithScrapeTarget(metricsCache)
            .WaitFor(metricsCache);
    }
}
