using System.Buffers;
using System.Buffers.Text;
using System.Diagnostics.CodeAnalysis;

namespace Monitoring.Lib.Redis.Internal;

/// <summary>
/// Incremental RESP2 reader over one pooled buffer: the socket writes into <see cref="GetMemory"/>, <see cref="TryRead"/>
/// returns a reply only once all of its bytes have arrived, so a frame split anywhere across reads is handled.
/// </summary>
internal sealed class RespReader : IDisposable
{
    /// <summary>Redis's own proto-max-bulk-len default; anything longer is a corrupt length, not data.</summary>
    internal const int MaxBulkLength = 512 * 1024 * 1024;
    private const int MaxDepth = 32;
    private const int MaxLineLength = 64 * 1024;
    private byte[] _buffer;
    private int _start;
    private int _end;

    public RespReader(int initialSize = 4096) => _buffer = ArrayPool<byte>.Shared.Rent(initialSize);

    /// <summary>Bytes received but not yet returned as a reply.</summary>
    public int Buffered => _end - _start;

    /// <summary>Free space for at least <paramref name="sizeHint"/> bytes, compacting or growing the buffer as needed.</summary>
    public Memory<byte> GetMemory(int sizeHint = 1024)
    {
        if (_buffer.Length - _end < sizeHint)
        {
            var needed = _end - _start + sizeHint;
            if (needed > _buffer.Length)
            {
                var larger = ArrayPool<byte>.Shared.Rent(Math.Max(needed, _buffer.Length * 2));
                _buffer.AsSpan(_start, _end - _start).CopyTo(larger);
                ArrayPool<byte>.Shared.Return(_buffer);
                _buffer = larger;
            }
            else
            {
                _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
            }
            _end -= _start;
            _start = 0;
        }
        return _buffer.AsMemory(_end);
    }

    /// <summary>Marks <paramref name="count"/> bytes written into <see cref="GetMemory"/> as received.</summary>
    public void Advance(int count) => _end += count;

    /// <summary>Reads one complete reply; false (consuming nothing) while its bytes are still incomplete.</summary>
    /// <exception cref="InvalidDataException">The bytes are not RESP2.</exception>
    public bool TryRead([NotNullWhen(true)] out RedisReply? reply)
    {
        var position = 0;
        if (!TryParse(_buffer.AsSpan(_start, _end - _start), ref position, 0, out reply))
        {
            return false;
        }
        _start += position;
        if (_start == _end)
        {
            _start = _end = 0;
        }
        return true;
    }

    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
        _start = _end = 0;
    }

    private static bool TryParse(ReadOnlySpan<byte> data, ref int position, int depth, [NotNullWhen(true)] out RedisReply? reply)
    {
        reply = null;
        if (position >= data.Length || !TryReadLine(data, position + 1, out var line, out var next))
        {
            return false;
        }
        switch (data[position])
        {
            case (byte)'+':
                reply = RedisReply.SimpleString(line.ToArray());
                break;
            case (byte)'-':
                reply = RedisReply.Error(line.ToArray());
                break;
            case (byte)':':
                reply = RedisReply.FromInteger(ParseInteger(line));
                break;
            case (byte)'$':
                var length = ParseInteger(line);
                if (length == -1)
                {
                    reply = RedisReply.Null;
                    break;
                }
                if (length is < 0 or > MaxBulkLength)
                {
                    throw new InvalidDataException($"RESP bulk string length {length} is out of range.");
                }
                if (data.Length - next < length + 2)
                {
                    return false;
                }
                if (data[next + (int)length] != '\r' || data[next + (int)length + 1] != '\n')
                {
                    throw new InvalidDataException($"RESP bulk string of length {length} is not followed by CRLF.");
                }
                reply = RedisReply.BulkString(data.Slice(next, (int)length).ToArray());
                next += (int)length + 2;
                break;
            case (byte)'*':
                if (!TryParseArray(data, ParseInteger(line), ref next, depth, out reply))
                {
                    return false;
                }
                break;
            default:
                throw new InvalidDataException($"RESP type byte 0x{data[position]:x2} is not one of + - : $ *.");
        }
        position = next;
        return true;
    }

    private static bool TryParseArray(ReadOnlySpan<byte> data, long count, ref int next, int depth, [NotNullWhen(true)] out RedisReply? reply)
    {
        reply = null;
        if (count == -1)
        {
            reply = RedisReply.Null;
            return true;
        }
        if (count < 0 || count > data.Length - next)
        {
            // Every element takes at least 3 bytes, so a count beyond the buffered bytes is incomplete, not a reason to
            // allocate an array of that size up front; a negative one is corrupt.
            if (count < 0 || count > MaxBulkLength)
            {
                throw new InvalidDataException($"RESP array length {count} is out of range.");
            }
            return false;
        }
        if (depth >= MaxDepth)
        {
            throw new InvalidDataException($"RESP arrays nested deeper than {MaxDepth}.");
        }
        var elements = count == 0 ? [] : new RedisReply[count];
        for (var i = 0; i < elements.Length; i++)
        {
            if (!TryParse(data, ref next, depth + 1, out var element))
            {
                return false;
            }
            elements[i] = element;
        }
        reply = RedisReply.Array(elements);
        return true;
    }

    private static bool TryReadLine(ReadOnlySpan<byte> data, int start, out ReadOnlySpan<byte> line, out int next)
    {
        line = default;
        next = 0;
        if (start > data.Length)
        {
            return false;
        }
        var end = data[start..].IndexOf((byte)'\r');
        if (end < 0 || start + end + 1 >= data.Length)
        {
            if (data.Length - start > MaxLineLength)
            {
                throw new InvalidDataException($"RESP line longer than {MaxLineLength} bytes without CRLF.");
            }
            return false;
        }
        if (data[start + end + 1] != '\n')
        {
            throw new InvalidDataException("RESP line ends with CR not followed by LF.");
        }
        line = data.Slice(start, end);
        next = start + end + 2;
        return true;
    }

    private static long ParseInteger(ReadOnlySpan<byte> line) =>
        Utf8Parser.TryParse(line, out long value, out var consumed) && consumed == line.Length && line.Length > 0
            ? value
            : throw new InvalidDataException($"RESP integer '{System.Text.Encoding.ASCII.GetString(line)}' is not a number.");
}
