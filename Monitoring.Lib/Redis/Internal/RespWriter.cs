using System.Buffers;
using System.Buffers.Text;
using System.Text;

namespace Monitoring.Lib.Redis.Internal;

/// <summary>
/// Writes RESP2 commands (an array of bulk strings) straight into a buffer writer: text is UTF-8 encoded in place, so
/// a command costs no intermediate strings or arrays.
/// </summary>
internal static class RespWriter
{
    private static ReadOnlySpan<byte> CrLf => "\r\n"u8;

    /// <summary>Writes <c>*count</c>: a command of <paramref name="count"/> arguments (the name included) follows.</summary>
    public static void WriteArrayHeader(IBufferWriter<byte> writer, int count) => WritePrefixed(writer, (byte)'*', count);

    /// <summary>Writes one argument as a bulk string of its exact bytes (binary safe).</summary>
    public static void WriteBulk(IBufferWriter<byte> writer, ReadOnlySpan<byte> value)
    {
        WritePrefixed(writer, (byte)'$', value.Length);
        var span = writer.GetSpan(value.Length + 2);
        value.CopyTo(span);
        CrLf.CopyTo(span[value.Length..]);
        writer.Advance(value.Length + 2);
    }

    /// <summary>Writes one argument as a bulk string of its UTF-8 bytes.</summary>
    public static void WriteBulk(IBufferWriter<byte> writer, ReadOnlySpan<char> value)
    {
        var length = Encoding.UTF8.GetByteCount(value);
        WritePrefixed(writer, (byte)'$', length);
        var span = writer.GetSpan(length + 2);
        Encoding.UTF8.GetBytes(value, span);
        CrLf.CopyTo(span[length..]);
        writer.Advance(length + 2);
    }

    /// <summary>Writes a whole command whose arguments are all text.</summary>
    public static void WriteCommand(IBufferWriter<byte> writer, string name, ReadOnlySpan<string> arguments)
    {
        WriteArrayHeader(writer, arguments.Length + 1);
        WriteBulk(writer, name.AsSpan());
        foreach (var argument in arguments)
        {
            WriteBulk(writer, argument.AsSpan());
        }
    }

    private static void WritePrefixed(IBufferWriter<byte> writer, byte prefix, long value)
    {
        var span = writer.GetSpan(24);
        span[0] = prefix;
        Utf8Formatter.TryFormat(value, span[1..], out var written);
        CrLf.CopyTo(span[(1 + written)..]);
        writer.Advance(written + 3);
    }
}
