using Confluent.Kafka;

namespace Monitoring.Lib.Kafka.Internal;

/// <summary>What <c>KafkaProducerSettings</c> and <c>KafkaConsumerSettings</c> share, so that one path reads both.</summary>
internal interface IKafkaClientSettings
{
    string? ConnectionString { get; set; }

    ClientConfig Config { get; }

    bool DisableHealthChecks { get; set; }

    bool DisableMetrics { get; set; }

    bool DisableTracing { get; set; }
}
