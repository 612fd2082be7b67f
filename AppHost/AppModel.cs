using System.Globalization;
using System.Reflection;
using System.Runtime.Versioning;

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
            .WithBuiltOutput()
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

    /// <summary>
    /// Runs the project's built output, <c>dotnet {output folder}/{project name}.dll</c>, instead of Aspire's default
    /// <c>dotnet run --project … --no-build</c>: the build already happened (run.sh, the tests), and <c>dotnet run</c>
    /// still evaluates the project with MSBuild before it starts the app, an extra <c>dotnet</c> process and several
    /// seconds of CPU per replica, all at once on a 2-core machine. The output folder is the AppHost's configuration
    /// and target framework under the project's <c>bin</c>, as the solution build puts it.
    /// </summary>
    private static IResourceBuilder<ProjectResource> WithBuiltOutput(this IResourceBuilder<ProjectResource> project)
    {
        var projectPath = project.Resource.GetProjectMetadata().ProjectPath;
        var host = typeof(AppModel).Assembly;
        var configuration = host.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        var framework = host.GetCustomAttribute<TargetFrameworkAttribute>()?.FrameworkName is { } name
            ? "net" + new FrameworkName(name).Version.ToString(2)
            : "net10.0";
        var dll = Path.Combine(Path.GetDirectoryName(projectPath)!, "bin", configuration, framework, Path.GetFileNameWithoutExtension(projectPath) + ".dll");
        if (!File.Exists(dll))
        {
            // Not built where expected (another output path): Aspire's dotnet run still works, only slower.
            return project;
        }
        // Experimental in 13.6 (ASPIREEXTENSION001): a launch-tool prefix replaces the project's `run --project …` verb.
#pragma warning disable ASPIREEXTENSION001
        return project.WithLaunchToolArgs(context => context.Args.Add(dll), showInCommandLine: false);
#pragma warning restore ASPIREEXTENSION001
    }
}
