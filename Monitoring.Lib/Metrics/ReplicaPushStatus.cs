namespace Monitoring.Lib.Metrics;

/// <summary>A snapshot of how pushes to one metrics-cache replica went since the process started.</summary>
internal sealed class ReplicaPushStatus
{
    /// <summary>The replica's base URL, e.g. <c>http://10.0.0.7:9091</c>.</summary>
    public required string Url { get; init; }

    /// <summary>Pushes the replica accepted.</summary>
    public required long PushesSucceeded { get; init; }

    /// <summary>Pushes that failed (error status, connection error or timeout).</summary>
    public required long PushesFailed { get; init; }

    /// <summary>Whether the last push succeeded.</summary>
    public required bool IsHealthy { get; init; }

    /// <summary>The error of the last failed push; null if none failed yet.</summary>
    public string? LastError { get; init; }

    /// <summary>When the last push succeeded; null if none did yet.</summary>
    public DateTimeOffset? LastSuccess { get; init; }
}
