namespace Monitoring.Lib.Influx;

/// <summary>
/// One point being recorded, from <see cref="InfluxRecorder.Begin(string)"/>: add tags and fields in any order, then
/// call <see cref="Record"/>. It encodes straight into the calling thread's buffer and never throws: an invalid
/// point (no field, empty key) is counted in <see cref="InfluxStatistics.DroppedInvalid"/> instead. The time defaults
/// to now (nanoseconds, made strictly increasing per thread so a thread's points never overwrite each other).
/// </summary>
/// <remarks>One point at a time per thread: beginning another before recording this one discards this one.</remarks>
public readonly ref struct PointBuilder
{
    private readonly InfluxRecorder? _recorder;
    private readonly LineProtocolBuilder? _builder;
    private readonly int _generation;

    internal PointBuilder(InfluxRecorder recorder, LineProtocolBuilder builder)
    {
        _recorder = recorder;
        _builder = builder;
        _generation = builder.Generation;
    }

    private LineProtocolBuilder? Current => _builder is not null && _builder.Generation == _generation ? _builder : null;

    /// <summary>Adds a tag; an empty or null value is skipped.</summary>
    public PointBuilder Tag(string key, string? value)
    {
        Current?.Tag(key, value);
        return this;
    }

    /// <summary>Adds a tag; an empty value is skipped.</summary>
    public PointBuilder Tag(string key, scoped ReadOnlySpan<char> value)
    {
        Current?.Tag(key, value);
        return this;
    }

    /// <summary>Adds a tag whose value is the digits of <paramref name="value"/>.</summary>
    public PointBuilder Tag(string key, long value)
    {
        Current?.Tag(key, value);
        return this;
    }

    /// <summary>Adds a float field; NaN and infinities are dropped.</summary>
    public PointBuilder Field(string key, double value)
    {
        Current?.Field(key, value);
        return this;
    }

    /// <summary>Adds an integer field.</summary>
    public PointBuilder Field(string key, long value)
    {
        Current?.Field(key, value);
        return this;
    }

    /// <summary>Adds a boolean field.</summary>
    public PointBuilder Field(string key, bool value)
    {
        Current?.Field(key, value);
        return this;
    }

    /// <summary>Adds a string field; null is dropped.</summary>
    public PointBuilder Field(string key, string? value)
    {
        Current?.Field(key, value);
        return this;
    }

    /// <summary>Adds a float field holding the milliseconds <paramref name="timer"/> has run.</summary>
    internal PointBuilder Elapsed(string key, PointTimer timer)
    {
        Current?.Field(key, timer.Elapsed.TotalMilliseconds);
        return this;
    }

    /// <summary>Sets the point's time, nanoseconds since the Unix epoch (default: when the point was begun).</summary>
    public PointBuilder Timestamp(long unixNanoseconds)
    {
        Current?.Timestamp(unixNanoseconds);
        return this;
    }

    /// <summary>Sets the point's time (default: when the point was begun).</summary>
    public PointBuilder Timestamp(DateTimeOffset time) => Timestamp(Internal.InfluxTime.ToUnixNanoseconds(time));

    /// <summary>Hands the point to the buffer; false (and counted as invalid) if it was invalid or superseded.</summary>
    public bool Record() => _recorder is not null && _recorder.Commit(_builder!, _generation);
}
