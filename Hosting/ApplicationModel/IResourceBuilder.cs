using Monitoring.Hosting.ApplicationModel;

namespace Monitoring.Hosting;

/// <summary>Configures one resource of the application model; the extension methods return it for chaining.</summary>
/// <typeparam name="T">The resource type.</typeparam>
public interface IResourceBuilder<out T>
    where T : IResource
{
    /// <summary>The application builder the resource belongs to.</summary>
    IDistributedApplicationBuilder ApplicationBuilder { get; }

    /// <summary>The resource.</summary>
    T Resource { get; }

    /// <summary>Adds an annotation to the resource.</summary>
    IResourceBuilder<T> WithAnnotation(IResourceAnnotation annotation);
}
