using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Monitoring.Hosting.ApplicationModel;

namespace Monitoring.Hosting;

/// <summary>Builds the application model: the resources, how they are wired, and the host that runs them.</summary>
public interface IDistributedApplicationBuilder
{
    /// <summary>The AppHost's configuration (appsettings, environment, command line).</summary>
    ConfigurationManager Configuration { get; }

    /// <summary>The AppHost's services; a dashboard registers its hosted service here.</summary>
    IServiceCollection Services { get; }

    /// <summary>The AppHost's environment.</summary>
    IHostEnvironment Environment { get; }

    /// <summary>The resources added so far, in order.</summary>
    IReadOnlyList<IResource> Resources { get; }

    /// <summary>The AppHost project's folder: <c>AddProject</c> paths are relative to it.</summary>
    string AppHostDirectory { get; }

    /// <summary>The build configuration of the AppHost (Debug or Release): projects run from that build output.</summary>
    string AppHostConfiguration { get; }

    /// <summary>Adds a resource.</summary>
    /// <exception cref="InvalidOperationException">A resource with the same name exists.</exception>
    IResourceBuilder<T> AddResource<T>(T resource)
        where T : IResource;

    /// <summary>A builder for a resource already in the model, e.g. to wire a resource added elsewhere.</summary>
    /// <exception cref="InvalidOperationException"><paramref name="resource"/> is not in this model.</exception>
    IResourceBuilder<T> CreateResourceBuilder<T>(T resource)
        where T : IResource;

    /// <summary>Builds the application; its <c>RunAsync</c> starts every resource.</summary>
    DistributedApplication Build();
}
