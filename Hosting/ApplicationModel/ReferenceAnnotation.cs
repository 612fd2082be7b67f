namespace Monitoring.Hosting.ApplicationModel;

/// <summary>Records that the resource was given <see cref="Target"/>'s address through <c>WithReference</c>.</summary>
/// <param name="target">The referenced resource.</param>
public sealed class ReferenceAnnotation(IResource target) : IResourceAnnotation
{
    /// <summary>The referenced resource.</summary>
    public IResource Target { get; } = target;
}
