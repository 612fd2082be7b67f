using System.Globalization;

namespace Monitoring.Hosting.ApplicationModel;

/// <summary>One replica of a resource as callbacks see it: its index, state folder and ports.</summary>
public sealed class ReplicaContext
{
    internal ReplicaContext(IResource resource, int index, string stateDirectory, IServiceProvider services)
    {
        Resource = resource;
        Index = index;
        StateDirectory = stateDirectory;
        Services = services;
    }

    /// <summary>The resource.</summary>
    public IResource Resource { get; }

    /// <summary>The replica index, from 0.</summary>
    public int Index { get; }

    /// <summary>The replica's own folder for config and data, under the run's state folder; deleted on clean stop.</summary>
    public string StateDirectory { get; }

    /// <summary>The host's services.</summary>
    public IServiceProvider Services { get; }

    /// <summary>The replica's port for endpoint <paramref name="endpoint"/>.</summary>
    /// <exception cref="InvalidOperationException">The resource has no such endpoint.</exception>
    public int GetPort(string endpoint = "http") => Resource.GetEndpoint(endpoint).ReplicaPorts[Index];

    /// <summary>The replica's own URL for endpoint <paramref name="endpoint"/>.</summary>
    public string GetUrl(string endpoint = "http") => Resource.GetEndpoint(endpoint).GetReplicaUrl(Index);

    /// <summary>A sub folder of the state folder, created.</summary>
    public string CreateDirectory(string name) => Directory.CreateDirectory(Path.Combine(StateDirectory, name)).FullName;

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Resource.Name}[{Index}]");
}
