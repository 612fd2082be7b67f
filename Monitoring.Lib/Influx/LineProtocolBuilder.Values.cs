using System.Globalization;
using System.Text;
using Monitoring.Lib.Influx.Internal;

namespace Monitoring.Lib.Influx;

// Tags and fields: each skips what InfluxDB cannot store (empty tag values, NaN, null strings) instead of failing.
internal sealed partial class LineProtocolBuilder
{
    /// <summary>Adds a tag; an empty or null <paramref name="value"/> is skipped (InfluxDB does not store empty tags).</summary>
    public LineProtocolBuilder Tag(string key, string? value) => Tag(key, value.AsSpan());

    /// <summary>Adds a tag; an empty <paramref name="value"/> is skipped.</summary>
    public LineProtocolBuilder Tag(string key, scoped ReadOnlySpan<char> value)
    {
        if (value.IsEmpty || !CheckKey(key, "tag"))
        {
            return this;
        }
        Ensure(ref _head, _headLength, LineProtocolEscaper.MaxBytes(key.Length + value.Length) + 2);
        _head[_headLength++] = (byte)',';
        _headLength += _names.Write(key, isMeasurement: false, _head.AsSpan(_headLength));
        _head[_headLength++] = (byte)'=';
        _headLength += LineProtocolEscaper.WriteName(value, _head.AsSpan(_headLength));
        return this;
    }

    /// <summary>Adds a tag whose value is the decimal digits of <paramref name="value"/>, without allocating a string.</summary>
    public LineProtocolBuilder Tag(string key, long value)
    {
        if (!CheckKey(key, "tag"))
        {
            return this;
        }
        // Digits never need escaping: formatted straight to UTF-8.
        Ensure(ref _head, _headLength, LineProtocolEscaper.MaxBytes(key.Length) + 22);
        _head[_headLength++] = (byte)',';
        _headLength += _names.Write(key, isMeasurement: false, _head.AsSpan(_headLength));
        _head[_headLength++] = (byte)'=';
        value.TryFormat(_head.AsSpan(_headLength), out var written, default, CultureInfo.InvariantCulture);
        _headLength += written;
        return this;
    }

    /// <summary>Adds a float field, written in invariant culture with round-trip precision; NaN and infinities are dropped.</summary>
    public LineProtocolBuilder Field(string key, double value)
    {
        if (!double.IsFinite(value) || !BeginField(key, 32))
        {
            return this;
        }
        value.TryFormat(_fields.AsSpan(_fieldsLength), out var written, default, CultureInfo.InvariantCulture);
        _fieldsLength += written;
        return this;
    }

    /// <summary>Adds an integer field (written with the <c>i</c> suffix).</summary>
    public LineProtocolBuilder Field(string key, long value)
    {
        if (!BeginField(key, 21))
        {
            return this;
        }
        value.TryFormat(_fields.AsSpan(_fieldsLength), out var written, default, CultureInfo.InvariantCulture);
        _fieldsLength += written;
        _fields[_fieldsLength++] = (byte)'i';
        return this;
    }

    /// <summary>Adds a boolean field (<c>true</c> or <c>false</c>).</summary>
    public LineProtocolBuilder Field(string key, bool value)
    {
        if (BeginField(key, 5))
        {
            _fieldsLength += Encoding.ASCII.GetBytes(value ? "true" : "false", _fields.AsSpan(_fieldsLength));
        }
        return this;
    }

    /// <summary>Adds a string field; a null <paramref name="value"/> is dropped, an empty one is kept as <c>""</c>.</summary>
    public LineProtocolBuilder Field(string key, string? value)
    {
        if (value is null || !BeginField(key, LineProtocolEscaper.MaxBytes(value.Length) + 2))
        {
            return this;
        }
        _fields[_fieldsLength++] = (byte)'"';
        _fieldsLength += LineProtocolEscaper.WriteStringField(value, _fields.AsSpan(_fieldsLength));
        _fields[_fieldsLength++] = (byte)'"';
        return this;
    }

    private bool BeginField(string key, int valueBytes)
    {
        if (!CheckKey(key, "field"))
        {
            return false;
        }
        Ensure(ref _fields, _fieldsLength, LineProtocolEscaper.MaxBytes(key.Length) + valueBytes + 2);
        if (FieldCount++ > 0)
        {
            _fields[_fieldsLength++] = (byte)',';
        }
        _fieldsLength += _names.Write(key, isMeasurement: false, _fields.AsSpan(_fieldsLength));
        _fields[_fieldsLength++] = (byte)'=';
        return true;
    }

    private bool CheckKey(string key, string what)
    {
        if (!string.IsNullOrEmpty(key))
        {
            return Error is null;
        }
        Error ??= $"a {what} key is empty";
        return false;
    }
}
