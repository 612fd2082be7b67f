using Confluent.Kafka;

namespace DevKafka.Tests.Fixtures;

/// <summary>Confluent.Kafka clients set up for a DevKafka on loopback: short timeouts so failures show within a test.</summary>
internal static class KafkaClients
{
    public static IProducer<Null, string> Producer(string bootstrap, int messageTimeoutMs = 10_000) =>
        new ProducerBuilder<Null, string>(new ProducerConfig
        {
            BootstrapServers = bootstrap,
            MessageTimeoutMs = messageTimeoutMs,
            // A broker that comes back is found again within a second, not after librdkafka's 10 s default backoff.
            ReconnectBackoffMs = 100,
            ReconnectBackoffMaxMs = 500,
        }).Build();

    public static IConsumer<Ignore, string> Consumer(string bootstrap, string group, bool autoCommit = true) =>
        new ConsumerBuilder<Ignore, string>(new ConsumerConfig
        {
            BootstrapServers = bootstrap,
            GroupId = group,
            AutoOffsetReset = AutoOffsetReset.Earliest,
            EnableAutoCommit = autoCommit,
            // Rebalances within a second or two instead of librdkafka's 3 s heartbeat.
            HeartbeatIntervalMs = 300,
            SessionTimeoutMs = 6000,
        }).Build();

    public static IAdminClient Admin(string bootstrap) =>
        new AdminClientBuilder(new AdminClientConfig { BootstrapServers = bootstrap }).Build();
}
