namespace Monitoring.Lib.Influx;

/// <summary>
/// Measures a block of code for a point's timing field; a struct, so timing allocates nothing and it can be kept
/// across <c>await</c>s. Start one with <see cref="InfluxRecorder.StartTimer"/> and write it with
/// <see cref="PointBuilder.Elapsed(string, PointTimer)"/>.
/// </summary>
internal readonly struct PointTimer : IEquatable<PointTimer>
{
    private readonly TimeProvider? _time;
    private readonly long _start;

    internal PointTimer(TimeProvider time)
    {
        _time = time;
        _start = time.GetTimestamp();
    }

    /// <summary>Time since the timer started; zero for a default instance.</summary>
    public TimeSpan Elapsed => _time is null ? TimeSpan.Zero : _time.GetElapsedTime(_start);

    /// <summary>Equal when both started at the same timestamp of the same clock.</summary>
    public bool Equals(PointTimer other) => _start == other._start && ReferenceEquals(_time, other._time);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is PointTimer other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => _start.GetHashCode();

    /// <summary>Equality of two timers.</summary>
    public static bool operator ==(PointTimer left, PointTimer right) => left.Equals(right);

    /// <summary>Inequality of two timers.</summary>
    public static bool operator !=(PointTimer left, PointTimer right) => !left.Equals(right);
}
