using Monitoring.Hosting.ApplicationModel;

namespace Monitoring.Hosting;

/// <summary>Adds executables, .NET projects and parameters to the model.</summary>
public static class DistributedApplicationBuilderExtensions
{
    /// <summary>Adds a program run as a local process.</summary>
    public static IResourceBuilder<ExecutableResource> AddExecutable(this IDistributedApplicationBuilder builder,
        string name, string command, string? workingDirectory = null, params string[] args)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddResource(new ExecutableResource(name, command, workingDirectory)).WithArgs(args);
    }

    /// <summary>
    /// Adds a .NET project of the solution, its path relative to the AppHost project folder. It runs from its build
    /// output for the AppHost's configuration and gets <c>DOTNET_ENVIRONMENT=Development</c>, <c>OTEL_SERVICE_NAME</c>
    /// and <c>APP_NAME</c> = <paramref name="name"/> (the <c>app</c> label and <c>service</c> tag of its metrics and
    /// points; <c>WithEnvironment("APP_NAME", …)</c> overrides it) and <c>Logging__Console__FormatterName=json</c> (one
    /// JSON object per log line, which ServiceDefaults turns on); give it an endpoint with <c>WithHttpEndpoint()</c>.
    /// </summary>
    public static IResourceBuilder<ProjectResource> AddProject(this IDistributedApplicationBuilder builder, string name, string projectPath)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(projectPath);
        var path = Path.GetFullPath(Path.Combine(builder.AppHostDirectory, projectPath));
        return builder.AddResource(new ProjectResource(name, path, builder.AppHostConfiguration)).ConfigureProject()
            .WithEnvironment("Logging__Console__FormatterName", "json");
    }

    /// <summary>Adds a parameter read from configuration <c>Parameters:{name}</c>; secret values are masked when shown.</summary>
    public static IResourceBuilder<ParameterResource> AddParameter(this IDistributedApplicationBuilder builder, string name, bool secret = false)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var configuration = builder.Configuration;
        return builder.AddResource(new ParameterResource(name, () => configuration[$"Parameters:{name}"], secret));
    }

    internal static IResourceBuilder<T> ConfigureProject<T>(this IResourceBuilder<T> builder)
        where T : ProjectResource => builder.WithAnnotation(new CommandLineArgsCallbackAnnotation(c =>
        {
            // The assembly comes first so arguments added later go to the program, not to dotnet.
            c.Args.Insert(0, builder.Resource.AssemblyPath);
            return Task.CompletedTask;
        })).WithAnnotation(new EnvironmentCallbackAnnotation(c =>
        {
            c.Variables["DOTNET_ENVIRONMENT"] = "Development";
            c.Variables["OTEL_SERVICE_NAME"] = builder.Resource.Name;
            // Aspire names telemetry after the resource; metrics and points follow suit, so the dashboard's resource
            // and the series' app label are one name, not the assembly's. Set first: the model's WithEnvironment runs later and wins.
            c.Variables["APP_NAME"] = builder.Resource.Name;
            var http = builder.Resource.GetEndpoints().FirstOrDefault(e => e.Name == "http");
            if (http is not null)
            {
                var port = c.Replica.GetPort(http.Name).ToString(System.Globalization.CultureInfo.InvariantCulture);
                c.Variables["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
                c.Variables["HTTP_PORTS"] = port;
            }
            return Task.CompletedTask;
        }));
}
