using System.Diagnostics.CodeAnalysis;
using Confluent.Kafka;

namespace Monitoring.Lib.Kafka;

/// <summary>
/// What one <see cref="MonitoredConsumer{TKey, TValue}.Consume(TimeSpan)"/> gave: a message, or — distinct from it —
/// no message within the timeout (the default value). Partition-end events count as no message.
/// </summary>
/// <typeparam name="TKey">The message key type.</typeparam>
/// <typeparam name="TValue">The message value type.</typeparam>
public readonly struct KafkaConsumeOutcome<TKey, TValue>
{
    internal KafkaConsumeOutcome(ConsumeResult<TKey, TValue> message) => Message = message;

    /// <summary>True when a message arrived.</summary>
    [MemberNotNullWhen(true, nameof(Message))]
    public bool HasMessage => Message is not null;

    /// <summary>The message, or null when none arrived.</summary>
    public ConsumeResult<TKey, TValue>? Message { get; }

    /// <summary>Gives the message when one arrived.</summary>
    public bool TryGetMessage([NotNullWhen(true)] out ConsumeResult<TKey, TValue>? message)
    {
        message = Message;
        return message is not null;
    }
}
