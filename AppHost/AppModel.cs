using System.Globalization;
using Microsoft.Extensions.Hosting;

namespace MonitoringApp.AppHost;

/// <summary>The sample services of the template, added by AppHost.cs (and by benchmarks that run a second copy).</summary>
public static class AppModel
{
    /// <summary>The AppHost setting that picks the samples' environment: <c>Samples:Environment</c>, default <c>Production</c>.</summary>
    public const string SamplesEnvironmentKey = "Samples:Environment";

    /// <summary>
    /// Adds <c>sample-consumer{copy}</c> and <c>sample-web-producer{copy}</c> (2 replicas behind one proxied address),
    /// and, on DevKafka, their topics <c>forms{copy}</c> and <c>outgoing{copy}</c> (4 partitions) and <c>forms{copy}.dlq</c>.
    /// The consumer group is the consumer's name. A non-empty <paramref name="copy"/> (e.g. <c>-off</c>) adds a second
    /// copy that shares the servers but none of the topics, to run the same load with other settings side by side.
    /// </summary>
    public static void AddSamples(this IDistributedApplicationBuilder builder, TemplateInfrastructure infrastructure, string copy = "")
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(infrastructure);
        ArgumentNullException.ThrowIfNull(copy);
        string forms = $"forms{copy}", outgoing = $"outgoing{copy}", deadLetters = $"forms{copy}.dlq";
        var (kafka, redis, influx, metricsCache, apiKey) = infrastructure;
        if (kafka.Resource is DevKafkaResource devKafka)
        {
            builder.CreateResourceBuilder(devKafka).WithTopic(forms, partitions: 4).WithTopic(outgoing, partitions: 4).WithTopic(deadLetters, partitions: 1);
        }

        // The samples run as they would in production (no exception details, production logging) unless the AppHost's
        // configuration asks otherwise, e.g. Samples__Environment=Development. Both variables: a web app reads
        // ASPNETCORE_ENVIRONMENT before DOTNET_ENVIRONMENT, so one left to a launch profile could win.
        var environment = builder.Configuration[SamplesEnvironmentKey] is { Length: > 0 } asked ? asked : Environments.Production;
        var consumer = $"sample-consumer{copy}";
        builder.AddProject<Projects.MonitoringApp_SampleConsumer>(consumer)
            .WithMonitoredService(infrastructure)
            .WithEnvironment("DOTNET_ENVIRONMENT", environment)
            .WithEnvironment("ASPNETCORE_ENVIRONMENT", environment)
            .WithEnvironment("Forms__InputTopic", forms)
            .WithEnvironment("Forms__OutputTopic", outgoing)
            .WithEnvironment("Forms__DeadLetterTopic", deadLetters)
            .WithEnvironment("Forms__GroupId", consumer);

        builder.AddProject<Projects.MonitoringApp_SampleWebProducer>($"sample-web-producer{copy}")
            .WithReplicas(2)
            .WithMonitoredService(infrastructure)
            .WithEnvironment("DOTNET_ENVIRONMENT", environment)
            .WithEnvironment("ASPNETCORE_ENVIRONMENT", environment)
            .WithEnvironment("Forms__ApiKey", apiKey)
            .WithEnvironment("Forms__Topic", forms);
    }

    /// <summary>
    /// What every service of the template gets: references to and waits for Kafka, Redis, InfluxDB and the metrics
    /// cache; <c>APP_NAME</c> = <c>OTEL_SERVICE_NAME</c> = the resource name; <c>HOSTNAME</c> = <c>{name}-{replica index}</c>;
    /// a health check on <c>/health</c>; and a short OTLP export timeout.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithMonitoredService(this IResourceBuilder<ProjectResource> project, TemplateInfrastructure infrastructure)
    {
        ArgumentNullException.ThrowIfNull(project);
        ArgumentNullException.ThrowIfNull(infrastructure);
        var (kafka, redis, influx, metricsCache, _) = infrastructure;
        var name = project.Resource.Name;
        if (!project.Resource.Annotations.OfType<EndpointAnnotation>().Any(e => e.Name == "http"))
        {
            // The samples have no launch profile: Aspire gives them a port and the proxy in front of their replicas.
            project.WithHttpEndpoint();
        }
        project = kafka.Resource is DevKafkaResource devKafka
            ? project.WithReference(project.ApplicationBuilder.CreateResourceBuilder(devKafka))
            : project.WithReference(kafka);
        return project
            .WithReference(redis).WithReference(influx).WithReference(metricsCache)
            .WaitFor(kafka).WaitFor(redis).WaitFor(influx).WaitFor(metricsCache)
            .WithEnvironment("APP_NAME", name)
            .WithEnvironment("OTEL_SERVICE_NAME", name)
            // Services push their metrics under /metrics/job/{HOSTNAME}, as a Kubernetes pod would: a stable name per
            // replica lets a restarted replica replace its own group instead of leaving a stale one beside it. DCP
            // fills in the replica's index.
            .WithEnvironment("HOSTNAME", string.Create(CultureInfo.InvariantCulture, $"{name}-{{{{- index .Annotations \"resource-replica-index\" -}}}}"))
            // The dashboard is gone once the AppHost stops: a 1 s export timeout keeps a stopping service from waiting 10 s for it.
            .WithEnvironment("OTEL_EXPORTER_OTLP_TIMEOUT", "1000")
            .WithHttpHealthCheck("/health");
    }
}
