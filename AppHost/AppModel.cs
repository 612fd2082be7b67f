using System.Globalization;
using Monitoring.Hosting;
using Monitoring.Hosting.ApplicationModel;

namespace Monitoring.AppHost;

/// <summary>The template's app model; Program.cs runs it, and tests start exactly the same one.</summary>
public static class AppModel
{
    /// <summary>Adds the template's resources to <paramref name="builder"/>: <see cref="AddInfrastructure"/>, then <see cref="AddSamples"/>.</summary>
    public static void Configure(IDistributedApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        AddSamples(builder, AddInfrastructure(builder));
    }

    /// <summary>Adds the servers (Kafka, Redis, InfluxDB, the metrics cache ×2, Prometheus) and the forms API key.</summary>
    public static TemplateInfrastructure AddInfrastructure(IDistributedApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);

        // DevKafka (in memory, development only) unless ConnectionStrings__kafka names an existing cluster.
        var kafka = builder.AddKafka("kafka");

        var redis = builder.AddRedis("redis");

        var influx = builder.AddInfluxDb("influxdb", database: "monitoring");

        // Services push to every replica; Prometheus scrapes them through one front address.
        var metricsCache = builder.AddMetricsCache("metrics-cache", replicas: 2);

        builder.AddPrometheus("prometheus", scrapeInterval: TimeSpan.FromSeconds(1))
            .WithScrapeTarget(metricsCache)
            .WaitFor(metricsCache);

        // Secret: masked on the dashboard. Default in appsettings.json (development only); override with Parameters__forms-api-key.
        var apiKey = builder.AddParameter("forms-api-key", secret: true);

        return new TemplateInfrastructure(kafka, redis, influx, metricsCache, apiKey);
    }

    /// <summary>
    /// Adds <c>sample-consumer{copy}</c> and <c>sample-web-producer{copy}</c> (×2 behind a front address), and declares
    /// their topics <c>forms{copy}</c> and <c>outgoing{copy}</c> (4 partitions) and <c>forms{copy}.dlq</c>. The consumer
    /// group is the consumer's name. A non-empty <paramref name="copy"/> (e.g. <c>-off</c>) adds a second copy that
    /// shares the servers but none of the topics, e.g. to run the same load with other settings side by side.
    /// </summary>
    public static void AddSamples(IDistributedApplicationBuilder builder, TemplateInfrastructure infrastructure, string copy = "")
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(infrastructure);
        ArgumentNullException.ThrowIfNull(copy);
        string forms = $"forms{copy}", outgoing = $"outgoing{copy}", deadLetters = $"forms{copy}.dlq";
        var (kafka, redis, influx, metricsCache, apiKey) = infrastructure;
        kafka.WithTopic(forms, partitions: 4).WithTopic(outgoing, partitions: 4).WithTopic(deadLetters, partitions: 1);

        var consumer = $"sample-consumer{copy}";
        builder.AddProject(consumer, "../SampleConsumer/SampleConsumer.csproj")
            .WithPodName()
            .WithHttpEndpoint()
            .WithHttpHealthCheck("/health")
            .WithEnvironment("Forms__InputTopic", forms)
            .WithEnvironment("Forms__OutputTopic", outgoing)
            .WithEnvironment("Forms__DeadLetterTopic", deadLetters)
            .WithEnvironment("Forms__GroupId", consumer)
            .WithReference(kafka).WithReference(redis).WithReference(influx).WithReference(metricsCache)
            .WaitFor(kafka).WaitFor(redis).WaitFor(influx).WaitFor(metricsCache);

        builder.AddProject($"sample-web-producer{copy}", "../SampleWebProducer/SampleWebProducer.csproj")
            .WithReplicas(2)
            .WithPodName()
            .WithHttpEndpoint()
            .WithHttpHealthCheck("/health")
            .WithEnvironment("Forms__ApiKey", apiKey)
            .WithEnvironment("Forms__Topic", forms)
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
