using Microsoft.Extensions.Hosting;

namespace MonitoringStack.AppHost;

/// <summary>
/// The template's two sample services, added by AppHost.cs (and by benchmarks that run a second copy). A solution made
/// with <c>dotnet new aspire-monitoring --samples false</c> has neither this file nor the samples.
/// </summary>
public static class SampleServices
{
    /// <summary>The AppHost setting that picks the samples' environment: <c>Samples:Environment</c>, default <c>Production</c>.</summary>
    public const string SamplesEnvironmentKey = "Samples:Environment";

    /// <summary>
    /// Adds <c>sample-consumer{copy}</c> and <c>sample-web-producer{copy}</c> (2 replicas behind one proxied address),
    /// and, on DevKafka, their topics <c>forms{copy}</c> and <c>outgoing{copy}</c> (4 partitions) and <c>forms{copy}.dlq</c>.
    /// The consumer group is the consumer's name. A non-empty <paramref name="copy"/> (e.g. <c>-off</c>) adds a second
    /// copy that shares the servers but none of the topics, to run the same load with other settings side by side.
    /// </summary>
    public static void AddSamples(this IDistributedApplicationBuilder builder, TemplateInfrastructure infrastructure,
        IResourceBuilder<ParameterResource> formsApiKey, string copy = "")
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(infrastructure);
        ArgumentNullException.ThrowIfNull(formsApiKey);
        ArgumentNullException.ThrowIfNull(copy);
        string forms = $"forms{copy}", outgoing = $"outgoing{copy}", deadLetters = $"forms{copy}.dlq";
        var kafka = infrastructure.Kafka;
        if (kafka.Resource is DevKafkaResource devKafka)
        {
            builder.CreateResourceBuilder(devKafka).WithTopic(forms, partitions: 4).WithTopic(outgoing, partitions: 4).WithTopic(deadLetters, partitions: 1);
        }

        // The samples run as they would in production (no exception details, production logging) unless the AppHost's
        // configuration asks otherwise, e.g. Samples__Environment=Development. Both variables: a web app reads
        // ASPNETCORE_ENVIRONMENT before DOTNET_ENVIRONMENT, so one left to a launch profile could win.
        var environment = builder.Configuration[SamplesEnvironmentKey] is { Length: > 0 } asked ? asked : Environments.Production;
        var consumer = $"sample-consumer{copy}";
        builder.AddProject<Projects.MonitoringStack_SampleConsumer>(consumer)
            .WithMonitoredService(infrastructure)
            .WithTelemetryDefaultsOf(environment)
            .WithEnvironment("DOTNET_ENVIRONMENT", environment)
            .WithEnvironment("ASPNETCORE_ENVIRONMENT", environment)
            .WithEnvironment("Forms__InputTopic", forms)
            .WithEnvironment("Forms__OutputTopic", outgoing)
            .WithEnvironment("Forms__DeadLetterTopic", deadLetters)
            .WithEnvironment("Forms__GroupId", consumer);

        var producer = builder.AddProject<Projects.MonitoringStack_SampleWebProducer>($"sample-web-producer{copy}")
            .WithReplicas(2)
            .WithMonitoredService(infrastructure)
            .WithTelemetryDefaultsOf(environment)
            .WithEnvironment("DOTNET_ENVIRONMENT", environment)
            .WithEnvironment("ASPNETCORE_ENVIRONMENT", environment)
            .WithEnvironment("Forms__ApiKey", formsApiKey)
            .WithEnvironment("Forms__Topic", forms);
        if (environment == Environments.Development)
        {
            // The producer serves a page to watch the pipeline from a browser in Development only.
            producer.WithUrlForEndpoint("http", _ => new ResourceUrlAnnotation { Url = "/dev", DisplayText = "Try the pipeline (Development page)" });
        }
    }

    /// <summary>
    /// Aspire gives every project development-time telemetry settings: every trace kept (<c>OTEL_TRACES_SAMPLER=always_on</c>)
    /// and exemplars on (<c>OTEL_METRICS_EXEMPLAR_FILTER=trace_based</c>). Outside Development the samples run without
    /// them, so their own production defaults apply (ServiceDefaults: 10 % of new traces, parent-based; no exemplars),
    /// as they would in a cluster. Runs after Aspire's own callback, which the project got when it was added.
    /// </summary>
    private static IResourceBuilder<ProjectResource> WithTelemetryDefaultsOf(this IResourceBuilder<ProjectResource> project, string environment) =>
        environment == Environments.Development
            ? project
            : project.WithEnvironment(context =>
            {
                context.EnvironmentVariables.Remove("OTEL_TRACES_SAMPLER");
                context.EnvironmentVariables.Remove("OTEL_METRICS_EXEMPLAR_FILTER");
            });
}
