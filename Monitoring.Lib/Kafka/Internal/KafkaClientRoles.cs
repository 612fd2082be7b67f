namespace Monitoring.Lib.Kafka.Internal;

/// <summary>Which clients a registration builds, so that the matching Aspire.Confluent.Kafka sections are read.</summary>
[Flags]
internal enum KafkaClientRoles
{
    Producer = 1,
    Consumer = 2,
    StreamWorker = Producer | Consumer,
}
