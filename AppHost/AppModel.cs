using System.Globalization;
using Monitoring.Hosting;
using Monitoring.Hosting.ApplicationModel;

namespace Monitoring.AppHost;

/// <summary>The template's app model; Program.cs runs it, and tests start exactly the same one.</summary>
public static class AppModel
{
    /// <summary>Adds the template's resources to <paramref name="builder"/>.</summary>
    public static void Configure(IDistributedApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);

        // DevKafka (in memory, development only) unless ConnectionStrings__kafka names an existing cluster.
        var kafka = builder.AddKafka("kafka")
            .WithTopic("forms", partitions: 4)
            .WithTopic("outgoing", partitions: 4)
            .WithTopic("forms.dlq", partitions: 1);

        var redis = builder.AddRedis("redis");

        var influx = builder.AddInfluxDb("influxdb", database: "monitoring");

        // Services push to every replica; Prometheus scrapes them through one front address.
        var metricsCache = builder.AddMetricsCache("metrics-cache", replicas: 2);

        builder.AddPrometheus("prometheus", scrapeInterval: TimeSpan.FromSeconds(1))
            .WithScrapeTarget(metricsCache)
            .WaitFor(metricsCache);

        // Secret: masked on the dashboard. Default in appsettings.json (development only); override with Parameters__forms-api-key.
        var apiKey = builder.AddParameter("forms-api-key", secret: true);

        builder.AddProject("sample-consumer", "../SampleConsumer/SampleConsumer.csproj")
            .WithPodName()
            .WithHttpEndpoint()
            .WithHttpHealthCheck("/health")
            .WithReference(kafka).WithReference(redis).WithReference(influx).WithReference(metricsCache)
            .WaitFor(kafka).WaitFor(redis).WaitFor(influx).WaitFor(metricsCache);

        builder.AddProject("sample-web-producer", "../SampleWebProducer/SampleWebProducer.csproj")
            .WithReplicas(2)
            .WithPodName()
            .WithHttpEndpoint()
            .WithHttpHealthCheck("/health")
            .WithEnvironment("Forms__ApiKey", apiKey)
            .WithReference(kafka).WithReference(redis).WithReference(influx).WithReference(metricsCache)
            .WaitFor(kafka).WaitFor(redis).WaitFor(influx).WaitFor(metricsCache);
    }

    /// <summary>
    /// Gives each replica its own <c>HOSTNAME</c> (<c>name-index</c>), as Kubernetes gives each pod: services push their
    /// metrics under <c>/metrics/job/{HOSTNAME}</c>, and a stable name lets a restarted replica replace its own group
    /// where the default (machine name and process id) would leave the killed process's group behind.
    /// </summary>
    private static IResourceBuilder<T> WithPodName<T>(this IResourceBuilder<T> builder)
        where T : IResource => builder.WithAnnotation(new EnvironmentCallbackAnnotation(c =>
        {
            c.Variables["HOSTNAME"] = string.Create(CultureInfo.InvariantCulture, $"{c.Replica.Resource.Name}-{c.Replica.Index}");
            return Task.CompletedTask;
        }));
}
