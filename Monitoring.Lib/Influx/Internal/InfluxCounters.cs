namespace Monitoring.Lib.Influx.Internal;

/// <summary>Counters updated by the flusher and the recording paths; read as an <see cref="InfluxStatistics"/> snapshot.</summary>
internal sealed class InfluxCounters
{
    private long _written;
    private long _droppedRejected;
    private long _droppedInvalid;
    private long _retries;
    private string? _lastError;

    public long Written => Interlocked.Read(ref _written);

    public long DroppedRejected => Interlocked.Read(ref _droppedRejected);

    public long DroppedInvalid => Interlocked.Read(ref _droppedInvalid);

    public long Retries => Interlocked.Read(ref _retries);

    public string? LastError => Volatile.Read(ref _lastError);

    public void AddWritten(long points) => Interlocked.Add(ref _written, points);

    public void AddRejected(long points) => Interlocked.Add(ref _droppedRejected, points);

    public void AddInvalid() => Interlocked.Increment(ref _droppedInvalid);

    public void AddRetry() => Interlocked.Increment(ref _retries);

    public void SetLastError(string? error) => Volatile.Write(ref _lastError, error);
}
