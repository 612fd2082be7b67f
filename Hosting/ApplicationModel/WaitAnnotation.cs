namespace Monitoring.Hosting.ApplicationModel;

/// <summary>The resource starts only once <see cref="Dependency"/> runs, and is healthy where it has a health check.</summary>
/// <param name="dependency">The resource waited for.</param>
public sealed class WaitAnnotation(IResource dependency) : IResourceAnnotation
{
    /// <summary>The resource waited for.</summary>
    public IResource Dependency { get; } = dependency;
}
