namespace Monitoring.Hosting.ApplicationModel;

/// <summary>The command line of a replica being started.</summary>
public sealed class CommandLineArgsCallbackContext
{
    internal CommandLineArgsCallbackContext(ReplicaContext replica, CancellationToken cancellationToken)
    {
        Replica = replica;
        CancellationToken = cancellationToken;
    }

    /// <summary>The replica being started.</summary>
    public ReplicaContext Replica { get; }

    /// <summary>The arguments, in order.</summary>
    public IList<string> Args { get; } = [];

    /// <summary>Stops the callback when the start is abandoned.</summary>
    public CancellationToken CancellationToken { get; }
}
