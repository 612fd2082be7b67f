using System.Globalization;
using Monitoring.Lib.Influx.Internal;

namespace Monitoring.Lib.Influx;

// Tags: kept where they start in the head, so a point whose tags came out of order is written sorted by key. InfluxDB
// builds the series key from sorted tags; a line that arrives unsorted is copied and sorted by the server, for every
// point ("for best performance, sort tags by key", line protocol reference). Sorting here costs a few comparisons.
public sealed partial class LineProtocolBuilder
{
    // Per tag: where its ',' is in _head and where its escaped key ends (the '=' after it).
    private TagSpan[] _tags = new TagSpan[8];
    private int[] _tagOrder = new int[8];
    private int _tagCount;
    private bool _tagsSorted = true;

    /// <summary>Adds a tag; an empty or null <paramref name="value"/> is skipped (InfluxDB does not store empty tags).</summary>
    public LineProtocolBuilder Tag(string key, string? value) => Tag(key, value.AsSpan());

    /// <summary>Adds a tag; an empty <paramref name="value"/> is skipped.</summary>
    public LineProtocolBuilder Tag(string key, scoped ReadOnlySpan<char> value)
    {
        if (value.IsEmpty || !CheckKey(key, "tag"))
        {
            return this;
        }
        BeginTag(key, LineProtocolEscaper.MaxBytes(value.Length));
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
        BeginTag(key, 20);
        value.TryFormat(_head.AsSpan(_headLength), out var written, default, CultureInfo.InvariantCulture);
        _headLength += written;
        return this;
    }

    private void ResetTags()
    {
        _tagCount = 0;
        _tagsSorted = true;
    }

    /// <summary>Writes <c>,key=</c> with room for <paramref name="valueBytes"/> more, and notes whether the tags are still in key order.</summary>
    private void BeginTag(string key, int valueBytes)
    {
        Ensure(ref _head, _headLength, LineProtocolEscaper.MaxBytes(key.Length) + valueBytes + 2);
        var start = _headLength;
        _head[_headLength++] = (byte)',';
        _headLength += _names.Write(key, isMeasurement: false, _head.AsSpan(_headLength));
        var tag = new TagSpan(start, _headLength);
        _head[_headLength++] = (byte)'=';
        // Equal keys count as out of order too: the sorted copy keeps only the last value (InfluxDB refuses a
        // point whose key repeats).
        if (_tagCount > 0 && KeyOf(_tags[_tagCount - 1]).SequenceCompareTo(KeyOf(tag)) >= 0)
        {
            _tagsSorted = false;
        }
        if (_tagCount == _tags.Length)
        {
            Array.Resize(ref _tags, _tagCount * 2);
            Array.Resize(ref _tagOrder, _tagCount * 2);
        }
        _tags[_tagCount++] = tag;
    }

    /// <summary>Copies the measurement and tags to <paramref name="output"/>, tags sorted by key; returns the bytes written.</summary>
    private int WriteHead(Span<byte> output)
    {
        if (_tagsSorted)
        {
            _head.AsSpan(0, _headLength).CopyTo(output);
            return _headLength;
        }
        var length = _tags[0].Start;
        _head.AsSpan(0, length).CopyTo(output);
        SortTags();
        for (var i = 0; i < _tagCount; i++)
        {
            var index = _tagOrder[i];
            // Stable sort: of equal keys the last added comes last, and only it is written.
            if (i + 1 < _tagCount && KeyOf(_tags[index]).SequenceEqual(KeyOf(_tags[_tagOrder[i + 1]])))
            {
                continue;
            }
            var end = index + 1 < _tagCount ? _tags[index + 1].Start : _headLength;
            _head.AsSpan(_tags[index].Start, end - _tags[index].Start).CopyTo(output[length..]);
            length += end - _tags[index].Start;
        }
        return length;
    }

    // Insertion sort, stable: points carry a handful of tags.
    private void SortTags()
    {
        for (var i = 0; i < _tagCount; i++)
        {
            var index = i;
            var j = i;
            for (; j > 0 && KeyOf(_tags[_tagOrder[j - 1]]).SequenceCompareTo(KeyOf(_tags[index])) > 0; j--)
            {
                _tagOrder[j] = _tagOrder[j - 1];
            }
            _tagOrder[j] = index;
        }
    }

    private ReadOnlySpan<byte> KeyOf(TagSpan tag) => _head.AsSpan(tag.Start + 1, tag.KeyEnd - tag.Start - 1);

    private readonly record struct TagSpan(int Start, int KeyEnd);
}
