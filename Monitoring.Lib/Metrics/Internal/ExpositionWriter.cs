using System.Buffers;
using System.Buffers.Text;

namespace Monitoring.Lib.Metrics.Internal;

/// <summary>
/// Appends exposition text to a byte buffer: pre-encoded names and label blocks are copied, numbers are
/// formatted in place, so writing a series allocates nothing.
/// </summary>
internal readonly struct ExpositionWriter(IBufferWriter<byte> buffer)
{
    private const int MaxNumberLength = 32;

    public void Write(ReadOnlySpan<byte> bytes)
    {
        var span = buffer.GetSpan(bytes.Length);
        bytes.CopyTo(span);
        buffer.Advance(bytes.Length);
    }

    public void Write(byte b)
    {
        buffer.GetSpan(1)[0] = b;
        buffer.Advance(1);
    }

    /// <summary>Writes <c>name{labels,extra} value\n</c>; braces are left out when there are no labels.</summary>
    public void WriteSample(ReadOnlySpan<byte> name, ReadOnlySpan<byte> labels, ReadOnlySpan<byte> extraLabel, double value)
    {
        WriteNameAndLabels(name, labels, extraLabel);
        WriteDouble(value);
        Write((byte)'\n');
    }

    public void WriteSample(ReadOnlySpan<byte> name, ReadOnlySpan<byte> labels, ReadOnlySpan<byte> extraLabel, long value)
    {
        WriteNameAndLabels(name, labels, extraLabel);
        var span = buffer.GetSpan(MaxNumberLength);
        Utf8Formatter.TryFormat(value, span, out var written);
        buffer.Advance(written);
        Write((byte)'\n');
    }

    public void WriteDouble(double value)
    {
        if (double.IsFinite(value))
        {
            if (value == Math.Floor(value) && Math.Abs(value) < 1e15)
            {
                // Whole numbers are the common case for counters; "42" reads better than "42E+00" and is exact.
                var span = buffer.GetSpan(MaxNumberLength);
                Utf8Formatter.TryFormat((long)value, span, out var whole);
                buffer.Advance(whole);
                return;
            }
            var target = buffer.GetSpan(MaxNumberLength);
            value.TryFormat(target, out var written, "R", System.Globalization.CultureInfo.InvariantCulture);
            buffer.Advance(written);
            return;
        }
        Write(double.IsNaN(value) ? "NaN"u8 : value > 0 ? "+Inf"u8 : "-Inf"u8);
    }

    private void WriteNameAndLabels(ReadOnlySpan<byte> name, ReadOnlySpan<byte> labels, ReadOnlySpan<byte> extraLabel)
    {
        Write(name);
        if (labels.Length > 0 || extraLabel.Length > 0)
        {
            Write((byte)'{');
            Write(labels);
            if (extraLabel.Length > 0)
            {
                if (labels.Length > 0)
                {
                    Write((byte)',');
                }
                Write(extraLabel);
            }
            Write((byte)'}');
        }
        Write((byte)' ');
    }
}
