using System.Globalization;

namespace MonitoringStack.AppHost;

/// <summary>What the AppHost gives every service of the template: the servers it needs and the settings to reach them.</summary>
public static class AppModel
{
    /// <summary>
    /// What every service of the template gets: references to and waits for Kafka, Redis, InfluxDB and the metrics
    /// cache; <c>APP_NAME</c> = <c>OTEL_SERVICE_NAME</c> = the resource name; <c>HOSTNAME</c> = <c>{name}-{replica index}</c>;
    /// a health check on <c>/health</c>; and a short OTLP export timeout.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithMonitoredService(this IResourceBuilder<ProjectResource> project, TemplateInfrastructure infrastructure)
    {
        ArgumentNullException.ThrowIfNull(project);
        ArgumentNullException.ThrowIfNull(infrastructure);
        var (kafka, redis, influx, metricsCache) = infrastructure;
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
