using System.Globalization;
using Monitoring.Hosting.Proxy;

namespace Monitoring.Hosting.ApplicationModel;

/// <summary>
/// A loopback endpoint of a resource. The host gives every replica a free port; a replicated resource also gets a
/// front address (a TCP proxy over its replicas) that is the endpoint's address for everyone else.
/// </summary>
public sealed class EndpointAnnotation : IResourceAnnotation
{
    /// <summary>Creates an endpoint.</summary>
    /// <param name="name">The endpoint name (default "http").</param>
    /// <param name="scheme">"http" or "tcp" (default "http").</param>
    public EndpointAnnotation(string name = "http", string scheme = "http")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
        Scheme = scheme is "http" or "tcp"
            ? scheme
            : throw new ArgumentException($"Endpoint scheme '{scheme}' is not supported: use 'http' or 'tcp'.", nameof(scheme));
    }

    /// <summary>The endpoint name, as in <c>services__{resource}__{name}__0</c>.</summary>
    public string Name { get; }

    /// <summary>"http" or "tcp".</summary>
    public string Scheme { get; }

    /// <summary>The port of each replica, in replica order; empty until the application starts.</summary>
    public IReadOnlyList<int> ReplicaPorts { get; internal set; } = [];

    /// <summary>The front address of a replicated resource; null for a single replica.</summary>
    public FrontAddress? Front { get; internal set; }

    /// <summary>The port others use: the front address's when replicated, else the only replica's.</summary>
    public int Port => Front?.Port ?? (ReplicaPorts.Count > 0
        ? ReplicaPorts[0]
        : throw new InvalidOperationException($"Endpoint '{Name}' has no port yet: the application has not started."));

    /// <summary>The address others use, e.g. <c>http://127.0.0.1:PORT</c>.</summary>
    public string Url => Format(Port);

    /// <summary>The address of one replica.</summary>
    public string GetReplicaUrl(int replica) => Format(ReplicaPorts[replica]);

    private string Format(int port) => string.Create(CultureInfo.InvariantCulture, $"{Scheme}://127.0.0.1:{port}");
}
