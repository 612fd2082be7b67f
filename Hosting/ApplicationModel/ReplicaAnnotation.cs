namespace Monitoring.Hosting.ApplicationModel;

/// <summary>How many processes run the resource (default 1 when absent).</summary>
public sealed class ReplicaAnnotation : IResourceAnnotation
{
    /// <summary>Creates the annotation.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="replicas"/> is below 1 or above 16.</exception>
    public ReplicaAnnotation(int replicas)
    {
        if (replicas is < 1 or > 16)
        {
            throw new ArgumentOutOfRangeException(nameof(replicas), replicas, $"Replica count {replicas} is out of range: use 1 to 16.");
        }
        Replicas = replicas;
    }

    /// <summary>The number of replicas.</summary>
    public int Replicas { get; }
}
