namespace Monitoring.Lib.Metrics.Internal;

/// <summary>
/// Push outcome counters of one replica, and the decision when a failure is worth a log line: on the
/// transition from healthy to failing, then at most once per <see cref="RepeatInterval"/>, so a dead replica
/// does not flood the log every push.
/// </summary>
internal sealed class ReplicaHealth(string url)
{
    public static readonly TimeSpan RepeatInterval = TimeSpan.FromMinutes(1);

    private readonly Lock _lock = new();
    private long _succeeded;
    private long _failed;
    private long _failedSinceLog;
    private bool _failing;
    private DateTimeOffset _lastFailureLog;
    private DateTimeOffset? _lastSuccess;
    private string? _lastError;

    public string Url { get; } = url;

    /// <summary>Records a success; returns the failures since the replica went down when this is a recovery, else 0.</summary>
    public long RecordSuccess(DateTimeOffset now)
    {
        lock (_lock)
        {
            _succeeded++;
            _lastSuccess = now;
            var wasFailing = _failing;
            _failing = false;
            var failures = _failedSinceLog;
            _failedSinceLog = 0;
            return wasFailing ? Math.Max(failures, 1) : 0;
        }
    }

    /// <summary>Records a failure; returns how many failures the log line should report, or 0 to stay quiet.</summary>
    public long RecordFailure(string error, DateTimeOffset now)
    {
        lock (_lock)
        {
            _failed++;
            _failedSinceLog++;
            _lastError = error;
            if (_failing && now - _lastFailureLog < RepeatInterval)
            {
                return 0;
            }
            _failing = true;
            _lastFailureLog = now;
            var count = _failedSinceLog;
            _failedSinceLog = 0;
            return count;
        }
    }

    public ReplicaPushStatus Snapshot()
    {
        lock (_lock)
        {
            return new ReplicaPushStatus
            {
                Url = Url,
                PushesSucceeded = _succeeded,
                PushesFailed = _failed,
                IsHealthy = !_failing && _succeeded > 0,
                LastError = _lastError,
                LastSuccess = _lastSuccess,
            };
        }
    }
}
