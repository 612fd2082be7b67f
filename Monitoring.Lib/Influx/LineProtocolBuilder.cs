using System.Globalization;
using System.Text;
using Monitoring.Lib.Influx.Internal;

namespace Monitoring.Lib.Influx;

/// <summary>
/// Encodes points as InfluxDB line protocol, UTF-8, straight into a reusable buffer: no strings are built, so a
/// reused builder allocates nothing once its buffers have grown.
/// </summary>
/// <remarks>
/// Escaping: measurement escapes comma and space; tag keys, tag values and field keys escape comma, equals sign and
/// space; string field values escape double quote and backslash and keep line feeds (InfluxDB stores them). Line
/// protocol cannot escape a line feed or carriage return anywhere else, so in a measurement, tag key, tag value or
/// field key each one is REPLACED by an escaped space. A backslash there is kept, but doubled where it precedes an
/// escaped separator (InfluxDB 2.x reads the pair as one backslash; 1.x stores both), and trailing backslashes are
/// dropped, because InfluxDB 1.x cannot parse an element that ends with one. Empty or null tag values are skipped; NaN and infinite float fields and
/// null string fields are dropped. Tags and fields may be added in any order and are written in that order; InfluxDB
/// sorts a point's tags by key when they arrive out of order, for every point, so adding them in key order (byte order of
/// the escaped keys) saves the server that work. Not thread-safe.
/// </remarks>
internal sealed partial class LineProtocolBuilder
{
    private readonly TimeProvider _timeProvider;
    private readonly EncodedNameCache _names = new();
    private byte[] _head = new byte[256];
    private byte[] _fields = new byte[256];
    private byte[] _output = new byte[1024];
    private int _headLength;
    private int _fieldsLength;
    private int _outputLength;
    private long? _timestamp;
    private bool _inPoint;

    /// <summary>Creates a builder whose points default to the current time of <paramref name="timeProvider"/> (default <see cref="TimeProvider.System"/>).</summary>
    public LineProtocolBuilder(TimeProvider? timeProvider = null) => _timeProvider = timeProvider ?? TimeProvider.System;

    /// <summary>The complete lines written so far, each ending with a line feed.</summary>
    public ReadOnlySpan<byte> WrittenSpan => _output.AsSpan(0, _outputLength);

    /// <summary>How many complete points <see cref="WrittenSpan"/> holds.</summary>
    public int PointCount { get; private set; }

    /// <summary>Why the current point is invalid, or null while it is valid.</summary>
    public string? Error { get; private set; }

    /// <summary>How many fields the current point has.</summary>
    public int FieldCount { get; private set; }

    internal int Generation { get; private set; }

    /// <summary>Starts a point in <paramref name="measurement"/>, discarding any point that was begun and not ended.</summary>
    public LineProtocolBuilder Begin(string measurement)
    {
        Generation++;
        _inPoint = true;
        _headLength = 0;
        _fieldsLength = 0;
        _timestamp = null;
        FieldCount = 0;
        Error = string.IsNullOrEmpty(measurement) ? "the measurement name is empty" : null;
        if (Error is null)
        {
            Ensure(ref _head, _headLength, LineProtocolEscaper.MaxBytes(measurement.Length));
            _headLength += _names.Write(measurement, isMeasurement: true, _head.AsSpan(_headLength));
        }
        return this;
    }

    /// <summary>Sets the point's time in nanoseconds since the Unix epoch (default: now, when the point ends).</summary>
    public LineProtocolBuilder Timestamp(long unixNanoseconds)
    {
        _timestamp = unixNanoseconds;
        return this;
    }

    /// <summary>Ends the current point and appends its line.</summary>
    /// <exception cref="InvalidOperationException">No point was begun, or the point is invalid (for example it has no field).</exception>
    public void End()
    {
        if (!TryEnd())
        {
            throw new InvalidOperationException($"Cannot write the point: {LastError}.");
        }
    }

    /// <summary>Ends the current point and appends its line; returns false (appending nothing) when the point is invalid.</summary>
    public bool TryEnd()
    {
        if (!_inPoint || Error is not null || FieldCount == 0)
        {
            LastError = !_inPoint ? "no point was begun" : Error ?? "a point needs at least one field (line protocol requires one)";
            _inPoint = false;
            return false;
        }
        _inPoint = false;
        var timestamp = _timestamp ?? InfluxTime.ToUnixNanoseconds(_timeProvider.GetUtcNow());
        Ensure(ref _output, _outputLength, _headLength + _fieldsLength + 24);
        var output = _output.AsSpan(_outputLength);
        _head.AsSpan(0, _headLength).CopyTo(output);
        var length = _headLength;
        output[length++] = (byte)' ';
        _fields.AsSpan(0, _fieldsLength).CopyTo(output[length..]);
        length += _fieldsLength;
        output[length++] = (byte)' ';
        timestamp.TryFormat(output[length..], out var digits, default, CultureInfo.InvariantCulture);
        length += digits;
        output[length++] = (byte)'\n';
        _outputLength += length;
        PointCount++;
        return true;
    }

    /// <summary>Forgets every line written so far, keeping the buffers for reuse.</summary>
    public void Clear()
    {
        _outputLength = 0;
        PointCount = 0;
    }

    /// <summary>The lines written so far, decoded from UTF-8.</summary>
    public override string ToString() => Encoding.UTF8.GetString(WrittenSpan);

    internal string? LastError { get; private set; }

    private static void Ensure(ref byte[] buffer, int length, int extra)
    {
        if (buffer.Length - length < extra)
        {
            Array.Resize(ref buffer, Math.Max(buffer.Length * 2, length + extra));
        }
    }
}
