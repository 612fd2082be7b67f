namespace Monitoring.Hosting.ApplicationModel;

/// <summary>The environment of a replica being started.</summary>
public sealed class EnvironmentCallbackContext
{
    internal EnvironmentCallbackContext(ReplicaContext replica, CancellationToken cancellationToken)
    {
        Replica = replica;
        CancellationToken = cancellationToken;
    }

    /// <summary>The replica being started.</summary>
    public ReplicaContext Replica { get; }

    /// <summary>The variables set for the process, on top of the host's own environment.</summary>
    public IDictionary<string, string> Variables { get; } = new SortedDictionary<string, string>(StringComparer.Ordinal);

    /// <summary>The names of variables whose values are secret: masked wherever the host shows them.</summary>
    public ISet<string> SecretVariables { get; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>Stops the callback when the start is abandoned.</summary>
    public CancellationToken CancellationToken { get; }
}
