using System.Globalization;
using Monitoring.Hosting.ApplicationModel;
using Monitoring.Hosting.Orchestration;

namespace Monitoring.Hosting;

/// <summary>The Aspire-shaped methods that wire resources: environment, arguments, endpoints, replicas, dependencies.</summary>
public static class ResourceBuilderExtensions
{
    /// <summary>Sets an environment variable of the resource's processes.</summary>
    public static IResourceBuilder<T> WithEnvironment<T>(this IResourceBuilder<T> builder, string name, string value)
        where T : IResource
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return builder.WithAnnotation(new EnvironmentCallbackAnnotation(c =>
        {
            c.Variables[name] = value;
            return Task.CompletedTask;
        }));
    }

    /// <summary>Sets an environment variable to a parameter's value; a secret parameter's value is masked when shown.</summary>
    public static IResourceBuilder<T> WithEnvironment<T>(this IResourceBuilder<T> builder, string name, IResourceBuilder<ParameterResource> parameter)
        where T : IResource
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(parameter);
        return builder.WithAnnotation(new EnvironmentCallbackAnnotation(c =>
        {
            c.Variables[name] = parameter.Resource.Value;
            if (parameter.Resource.Secret)
            {
                c.SecretVariables.Add(name);
            }
            return Task.CompletedTask;
        }));
    }

    /// <summary>Adds command-line arguments.</summary>
    public static IResourceBuilder<T> WithArgs<T>(this IResourceBuilder<T> builder, params string[] args)
        where T : IResource
    {
        ArgumentNullException.ThrowIfNull(args);
        return builder.WithAnnotation(new CommandLineArgsCallbackAnnotation(c =>
        {
            foreach (var arg in args)
            {
                c.Args.Add(arg);
            }
            return Task.CompletedTask;
        }));
    }

    /// <summary>
    /// Declares an HTTP endpoint (default name "http"). Every replica gets a free loopback port; a .NET project gets
    /// it as <c>ASPNETCORE_URLS</c>/<c>HTTP_PORTS</c>, other programs through <paramref name="env"/> if given.
    /// </summary>
    public static IResourceBuilder<T> WithHttpEndpoint<T>(this IResourceBuilder<T> builder, string name = "http", string? env = null)
        where T : IResource
    {
        builder.WithAnnotation(new EndpointAnnotation(name, "http"));
        return env is null ? builder : builder.WithAnnotation(new EnvironmentCallbackAnnotation(c =>
        {
            c.Variables[env] = c.Replica.GetPort(name).ToString(CultureInfo.InvariantCulture);
            return Task.CompletedTask;
        }));
    }

    /// <summary>Polls <c>GET {path}</c> on the endpoint: a 2xx answer means healthy.</summary>
    public static IResourceBuilder<T> WithHttpHealthCheck<T>(this IResourceBuilder<T> builder, string path = "/health", string endpoint = "http")
        where T : IResource
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return builder.WithAnnotation(new HealthCheckAnnotation($"GET {path}", (replica, ct) =>
            HttpProbe.IsSuccessAsync(new Uri(replica.GetUrl(endpoint) + path), ct)));
    }

    /// <summary>Runs <paramref name="replicas"/> processes (1 to 16) behind a front address per endpoint.</summary>
    public static IResourceBuilder<T> WithReplicas<T>(this IResourceBuilder<T> builder, int replicas)
        where T : IResource => builder.WithAnnotation(new ReplicaAnnotation(replicas));

    /// <summary>Starts the resource only once <paramref name="dependency"/> runs, and is healthy where it has a health check.</summary>
    public static IResourceBuilder<T> WaitFor<T>(this IResourceBuilder<T> builder, IResourceBuilder<IResource> dependency)
        where T : IResource
    {
        ArgumentNullException.ThrowIfNull(dependency);
        if (ReferenceEquals(dependency.Resource, builder.Resource))
        {
            throw new InvalidOperationException($"Resource '{builder.Resource.Name}' cannot wait for itself.");
        }
        return builder.WithAnnotation(new WaitAnnotation(dependency.Resource));
    }

    /// <summary>
    /// Gives the resource <paramref name="source"/>'s address in Aspire's conventions: <c>ConnectionStrings__{name}</c>
    /// for a connection-string resource, else <c>services__{name}__{endpoint}__0</c> (the front address when
    /// replicated) for each endpoint; plus whatever extra settings the source adds (for example every replica's URL).
    /// </summary>
    public static IResourceBuilder<T> WithReference<T>(this IResourceBuilder<T> builder, IResourceBuilder<IResource> source)
        where T : IResource
    {
        ArgumentNullException.ThrowIfNull(source);
        var target = source.Resource;
        builder.WithAnnotation(new ReferenceAnnotation(target));
        return builder.WithAnnotation(new EnvironmentCallbackAnnotation(async c =>
        {
            if (target is IResourceWithConnectionString withConnectionString)
            {
                var key = $"ConnectionStrings__{target.Name}";
                c.Variables[key] = await withConnectionString.GetConnectionStringAsync(c.CancellationToken).ConfigureAwait(false);
                if (withConnectionString.ConnectionStringHasSecret)
                {
                    c.SecretVariables.Add(key);
                }
            }
            else
            {
                foreach (var endpoint in target.GetEndpoints())
                {
                    c.Variables[$"services__{target.Name}__{endpoint.Name}__0"] = endpoint.Url;
                }
            }
            foreach (var extra in target.Annotations.OfType<ReferenceEnvironmentAnnotation>())
            {
                await extra.Callback(c).ConfigureAwait(false);
            }
        }));
    }
}
