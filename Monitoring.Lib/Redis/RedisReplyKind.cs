namespace Monitoring.Lib.Redis;

/// <summary>The RESP2 type of a <see cref="RedisReply"/>.</summary>
public enum RedisReplyKind
{
    /// <summary><c>+OK</c>: a simple string.</summary>
    SimpleString,

    /// <summary><c>-ERR …</c>: an error the server answered.</summary>
    Error,

    /// <summary><c>:42</c>: a RESP integer (signed 64 bits).</summary>
    Number,

    /// <summary><c>$3 abc</c>: a binary-safe string.</summary>
    BulkString,

    /// <summary><c>*2 …</c>: an array of replies.</summary>
    Array,

    /// <summary><c>$-1</c> or <c>*-1</c>: no value.</summary>
    Null,
}
