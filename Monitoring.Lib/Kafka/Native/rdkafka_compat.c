/*
 * Functions that Confluent.Kafka 2.x calls on every consumed message, assignment and commit, but that
 * librdkafka only gained in 2.1.0: Debian 12's librdkafka1 (2.0.2) lacks them, and without them the .NET
 * consumer fails with EntryPointNotFoundException. This library links to librdkafka.so.1, so a symbol lookup
 * through it finds these and every real librdkafka function. KafkaNativeLibrary loads it only when the system
 * librdkafka lacks the functions. -1 is librdkafka's own value for "leader epoch unknown".
 * Built without headers or libc (-nostdlib): the functions use neither.
 */
struct rd_kafka_topic_partition_s;
struct rd_kafka_message_s;

int rd_kafka_topic_partition_get_leader_epoch(const struct rd_kafka_topic_partition_s *partition)
{
    (void)partition;
    return -1;
}

void rd_kafka_topic_partition_set_leader_epoch(struct rd_kafka_topic_partition_s *partition, int leader_epoch)
{
    (void)partition;
    (void)leader_epoch;
}

int rd_kafka_message_leader_epoch(const struct rd_kafka_message_s *message)
{
    (void)message;
    return -1;
}
