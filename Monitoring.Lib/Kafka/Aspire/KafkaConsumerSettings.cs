using Confluent.Kafka;
using Monitoring.Lib.Kafka.Internal;

namespace Aspire.Confluent.Kafka;

/// <summary>
/// The settings of a consumer added with <c>AddKafkaConsumer</c>, as Aspire.Confluent.Kafka's class of the same name:
/// read from section <c>Monitoring:Kafka</c> (this library's own keys), then <c>Aspire:Confluent:Kafka:Consumer</c>, then
/// its <c>{connectionName}</c> sub-section, then <c>ConnectionStrings:{connectionName}</c>, then the
/// <c>configureSettings</c> delegate, each over the one before. Validated when the consumer is first resolved:
/// <c>Config.GroupId</c> is required.
/// </summary>
public sealed class KafkaConsumerSettings : IKafkaClientSettings
{
    /// <summary>
    /// The bootstrap servers (<c>host:port,host:port</c>); when set it wins over <see cref="Config"/>'s
    /// <c>BootstrapServers</c>. Default: <c>ConnectionStrings:{connectionName}</c>, else the sections' <c>ConnectionString</c>.
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary>
    /// The librdkafka settings, by Confluent.Kafka's property names (<c>Config:GroupId</c>, <c>Config:AutoOffsetReset</c>)
    /// or librdkafka's (<c>Config:group.id</c>). Default: what the sections set, plus <c>statistics.interval.ms</c> = 5 s
    /// unless <see cref="DisableMetrics"/>.
    /// </summary>
    public ConsumerConfig Config { get; } = new();

    /// <summary>Leaves out the connection's health check (named after the connection, tag <c>ready</c>). Default: false.</summary>
    public bool DisableHealthChecks { get; set; }

    /// <summary>
    /// Turns off librdkafka's statistics and the <c>kafka_client_*</c> gauges made from them, and leaves the messaging Meter
    /// <c>Monitoring.Lib.Kafka</c> (<c>messaging.client.*</c>) out of the OpenTelemetry meter provider (the
    /// counters <c>messages_consumed</c>, <c>messages_errors</c> and the lag gauge stay). Default: false.
    /// </summary>
    public bool DisableMetrics { get; set; }

    /// <summary>
    /// Turns off the poll spans (a child of the producer's send span per message returned), and leaves the
    /// ActivitySource <c>Monitoring.Lib.Kafka</c> out of the OpenTelemetry tracer provider. Default: false.
    /// </summary>
    public bool DisableTracing { get; set; }

    ClientConfig IKafkaClientSettings.Config => Config;
}
