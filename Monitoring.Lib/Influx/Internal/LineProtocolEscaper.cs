using System.Buffers;
using System.Text;

namespace Monitoring.Lib.Influx.Internal;

/// <summary>Writes UTF-8 line protocol elements with InfluxDB's escaping rules straight into a byte buffer.</summary>
internal static class LineProtocolEscaper
{
    // A backslash is searched for too: it needs care only when it would escape the separator that follows it.
    private static readonly SearchValues<char> MeasurementSpecials = SearchValues.Create(", \n\r\\");
    private static readonly SearchValues<char> KeySpecials = SearchValues.Create(",= \n\r\\");
    private static readonly SearchValues<char> StringFieldSpecials = SearchValues.Create("\"\\");

    /// <summary>The most bytes any writer here needs for <paramref name="chars"/> characters: UTF-8 takes at most 3 bytes per UTF-16 unit and an escaped ASCII character 2.</summary>
    public static int MaxBytes(int chars) => (chars + 1) * 3;

    /// <summary>Measurement: escapes comma and space; CR and LF become an escaped space (line protocol has no escape for them).</summary>
    public static int WriteMeasurement(ReadOnlySpan<char> text, Span<byte> destination) =>
        WriteEscaped(text, destination, MeasurementSpecials, isKey: false);

    /// <summary>Tag key, tag value or field key: escapes comma, equals sign and space; CR and LF become an escaped space.</summary>
    public static int WriteName(ReadOnlySpan<char> text, Span<byte> destination) =>
        WriteEscaped(text, destination, KeySpecials, isKey: true);

    /// <summary>String field value without the quotes: escapes double quote and backslash; other characters are kept.</summary>
    public static int WriteStringField(ReadOnlySpan<char> text, Span<byte> destination)
    {
        var written = 0;
        while (true)
        {
            var index = text.IndexOfAny(StringFieldSpecials);
            if (index < 0)
            {
                return written + Encode(text, destination[written..]);
            }
            written += Encoding.UTF8.GetBytes(text[..index], destination[written..]);
            destination[written++] = (byte)'\\';
            destination[written++] = (byte)text[index];
            text = text[(index + 1)..];
        }
    }

    private static int WriteEscaped(ReadOnlySpan<char> text, Span<byte> destination, SearchValues<char> specials, bool isKey)
    {
        // InfluxDB 1.x reads a backslash before any separator as escaping it, so an element ending in one can never
        // be parsed there (measured against influxd 1.6.7); trailing backslashes are dropped to keep the line valid.
        text = text.TrimEnd('\\');
        var written = 0;
        while (true)
        {
            var index = text.IndexOfAny(specials);
            if (index < 0)
            {
                return written + Encode(text, destination[written..]);
            }
            written += Encoding.UTF8.GetBytes(text[..index], destination[written..]);
            var special = text[index];
            text = text[(index + 1)..];
            if (special == '\\')
            {
                // Before a separator a single backslash would swallow the escape that follows, so it is doubled
                // there and only there: 2.x reads the pair as one backslash, 1.x keeps both.
                var next = text[0];
                var swallows = next is ' ' or ',' or '\n' or '\r' || (isKey && next == '=');
                destination[written++] = (byte)'\\';
                if (swallows)
                {
                    destination[written++] = (byte)'\\';
                }
                continue;
            }
            destination[written++] = (byte)'\\';
            destination[written++] = special is '\n' or '\r' ? (byte)' ' : (byte)special;
        }
    }

    // Names, tags and ids are nearly always ASCII: narrowing them is cheaper than the general UTF-8 encoder.
    private static int Encode(ReadOnlySpan<char> text, Span<byte> destination) =>
        Ascii.FromUtf16(text, destination, out var written) == OperationStatus.Done
            ? written
            : Encoding.UTF8.GetBytes(text, destination);
}
