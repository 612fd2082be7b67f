using System.Collections.Concurrent;

namespace Monitoring.Hosting.Orchestration;

/// <summary>The stdout and stderr lines of every replica: the last <see cref="Capacity"/> per replica, and a live stream.</summary>
public sealed class ResourceLoggerService
{
    /// <summary>How many lines are kept per replica (10,000); older ones are dropped.</summary>
    public const int Capacity = 10_000;

    private readonly ConcurrentDictionary<(string Resource, int Replica), ReplicaLog> _logs = new();
    private readonly TimeProvider _time;

    /// <summary>Creates the service.</summary>
    public ResourceLoggerService(TimeProvider time) => _time = time;

    /// <summary>The kept lines of one replica, oldest first.</summary>
    public IReadOnlyList<LogLine> GetLogs(string resource, int replica = 0) => Get(resource, replica).Snapshot();

    /// <summary>Yields the kept lines of one replica, then each new one until cancelled.</summary>
    public IAsyncEnumerable<LogLine> WatchAsync(string resource, int replica = 0, CancellationToken cancellationToken = default) =>
        Get(resource, replica).WatchAsync(cancellationToken);

    internal void Add(string resource, int replica, bool isError, string text) =>
        Get(resource, replica).Add(_time.GetUtcNow(), isError, text);

    private ReplicaLog Get(string resource, int replica) =>
        _logs.GetOrAdd((resource.ToUpperInvariant(), replica), _ => new ReplicaLog(Capacity));
}
