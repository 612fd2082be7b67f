using Monitoring.Hosting.ApplicationModel;

namespace Monitoring.Hosting;

/// <summary>The built application model: every resource, in the order added.</summary>
public sealed class DistributedApplicationModel
{
    internal DistributedApplicationModel(IReadOnlyList<IResource> resources) => Resources = resources;

    /// <summary>The resources.</summary>
    public IReadOnlyList<IResource> Resources { get; }

    /// <summary>The resource named <paramref name="name"/>.</summary>
    /// <exception cref="InvalidOperationException">No resource has that name.</exception>
    public IResource Get(string name) =>
        Resources.FirstOrDefault(r => string.Equals(r.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new InvalidOperationException(
            $"No resource named '{name}' in the application model (it has: {string.Join(", ", Resources.Select(r => r.Name))}).");
}
