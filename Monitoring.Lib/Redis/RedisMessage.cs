using System.Text;

namespace Monitoring.Lib.Redis;

/// <summary>One message received by a <see cref="RedisSubscriber"/>.</summary>
public sealed class RedisMessage
{
    /// <summary>Creates a message (the subscriber does; public for tests of handlers).</summary>
    public RedisMessage(string channel, string? pattern, ReadOnlyMemory<byte> payload)
    {
        Channel = channel;
        Pattern = pattern;
        Payload = payload;
    }

    /// <summary>The channel it was published on.</summary>
    public string Channel { get; }

    /// <summary>The pattern that matched it, for a PSUBSCRIBE; null for a SUBSCRIBE.</summary>
    public string? Pattern { get; }

    /// <summary>The exact published bytes.</summary>
    public ReadOnlyMemory<byte> Payload { get; }

    /// <summary>The payload decoded as UTF-8.</summary>
    public string PayloadText => Encoding.UTF8.GetString(Payload.Span);

    /// <summary>
    /// The request id recorded in this message's <c>redis_message</c> point: set by the subscriber's request id
    /// extractor, or by a handler before it returns; a new id is generated when neither sets one.
    /// </summary>
    public string? RequestId { get; set; }
}
