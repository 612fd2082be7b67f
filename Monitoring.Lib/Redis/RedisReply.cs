using System.Globalization;
using System.Text;

namespace Monitoring.Lib.Redis;

/// <summary>One RESP2 value read from Redis: a string, error, integer, binary-safe bulk string, array or null.</summary>
public sealed class RedisReply
{
    /// <summary>The null reply (<c>$-1</c> and <c>*-1</c> both read as this).</summary>
    public static readonly RedisReply Null = new(RedisReplyKind.Null, 0, ReadOnlyMemory<byte>.Empty, []);

    private RedisReply(RedisReplyKind kind, long integer, ReadOnlyMemory<byte> bytes, RedisReply[] elements)
    {
        Kind = kind;
        Number = integer;
        Bytes = bytes;
        Elements = elements;
    }

    /// <summary>The RESP type.</summary>
    public RedisReplyKind Kind { get; }

    /// <summary>The value of a <see cref="RedisReplyKind.Number"/> (RESP integer) reply; 0 otherwise.</summary>
    public long Number { get; }

    /// <summary>The bytes of a simple string, error or bulk string; empty otherwise.</summary>
    public ReadOnlyMemory<byte> Bytes { get; }

    /// <summary>The elements of an <see cref="RedisReplyKind.Array"/> reply; empty otherwise.</summary>
    public IReadOnlyList<RedisReply> Elements { get; }

    /// <summary>True for an error reply.</summary>
    public bool IsError => Kind == RedisReplyKind.Error;

    /// <summary>A string, error or bulk string as UTF-8 text, an integer in invariant digits; null for null and arrays.</summary>
    public string? Text => Kind switch
    {
        RedisReplyKind.SimpleString or RedisReplyKind.Error or RedisReplyKind.BulkString => Encoding.UTF8.GetString(Bytes.Span),
        RedisReplyKind.Number => Number.ToString(CultureInfo.InvariantCulture),
        _ => null,
    };

    /// <summary>A debugging form: the kind and the text, or the elements in brackets.</summary>
    public override string ToString() => Kind == RedisReplyKind.Array
        ? $"[{string.Join(", ", Elements)}]"
        : $"{Kind}({Text ?? "null"})";

    internal static RedisReply SimpleString(byte[] bytes) => new(RedisReplyKind.SimpleString, 0, bytes, []);

    internal static RedisReply Error(byte[] bytes) => new(RedisReplyKind.Error, 0, bytes, []);

    internal static RedisReply FromInteger(long value) => new(RedisReplyKind.Number, value, ReadOnlyMemory<byte>.Empty, []);

    internal static RedisReply BulkString(byte[] bytes) => new(RedisReplyKind.BulkString, 0, bytes, []);

    internal static RedisReply Array(RedisReply[] elements) => new(RedisReplyKind.Array, 0, ReadOnlyMemory<byte>.Empty, elements);
}
