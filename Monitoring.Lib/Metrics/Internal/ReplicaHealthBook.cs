using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Monitoring.Lib.Metrics.Internal;

/// <summary>The health of every replica seen so far, and the throttled log lines its outcomes call for.</summary>
internal sealed class ReplicaHealthBook(ILogger logger, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, ReplicaHealth> _replicas = new(StringComparer.OrdinalIgnoreCase);

    public IReadOnlyList<ReplicaPushStatus> Snapshot() =>
        [.. _replicas.Values.Select(r => r.Snapshot()).OrderBy(s => s.Url, StringComparer.Ordinal)];

    /// <summary>Records a push outcome (<paramref name="error"/> null on success); returns whether it succeeded.</summary>
    public bool Report(string replica, string? error)
    {
        var health = _replicas.GetOrAdd(replica, url => new ReplicaHealth(url));
        var now = time.GetUtcNow();
        if (error is null)
        {
            if (health.RecordSuccess(now) is > 0 and var failures)
            {
                PushLog.ReplicaRecovered(logger, replica, failures);
            }
            return true;
        }
        if (health.RecordFailure(error, now) is > 0 and var count)
        {
            PushLog.ReplicaFailing(logger, replica, count, error);
        }
        return false;
    }
}
