namespace Monitoring.Lib.Kafka.Internal;

/// <summary>
/// Which of the extra librdkafka properties (<c>Monitoring:Kafka:Properties</c>) belong to one role only, per
/// librdkafka's CONFIGURATION.md (columns C and P). A stream worker builds a consumer and a producer from the same
/// settings; given the other role's property, librdkafka prints a CONFWARN line on stderr at every start.
/// Properties not listed go to both roles, as before.
/// </summary>
internal static class KafkaPropertyScope
{
    private static readonly HashSet<string> ConsumerOnly = new(StringComparer.Ordinal)
    {
        "auto.offset.reset", "session.timeout.ms", "heartbeat.interval.ms", "max.poll.interval.ms", "enable.auto.commit",
        "auto.commit.interval.ms", "enable.auto.offset.store", "partition.assignment.strategy", "group.instance.id",
        "isolation.level", "enable.partition.eof", "fetch.min.bytes", "fetch.max.bytes", "fetch.wait.max.ms",
        "max.partition.fetch.bytes", "queued.min.messages", "queued.max.messages.kbytes", "check.crcs",
    };

    private static readonly HashSet<string> ProducerOnly = new(StringComparer.Ordinal)
    {
        "acks", "request.required.acks", "linger.ms", "queue.buffering.max.ms", "queue.buffering.max.messages",
        "queue.buffering.max.kbytes", "batch.num.messages", "batch.size", "compression.type", "compression.codec",
        "message.timeout.ms", "delivery.timeout.ms", "enable.idempotence", "transactional.id", "transaction.timeout.ms",
        "message.send.max.retries", "retries", "partitioner", "sticky.partitioning.linger.ms",
    };

    /// <summary>Whether <paramref name="key"/> applies to a consumer (<paramref name="forConsumer"/>) or a producer.</summary>
    public static bool AppliesTo(string key, bool forConsumer) =>
        forConsumer ? !ProducerOnly.Contains(key) : !ConsumerOnly.Contains(key);
}
