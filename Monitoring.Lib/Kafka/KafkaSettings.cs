using Confluent.Kafka;
using Monitoring.Lib.Kafka.Internal;

namespace Monitoring.Lib.Kafka;

/// <summary>
/// Connection and client settings of the Kafka helpers, read from <c>ConnectionStrings:{name}</c> (the bootstrap list),
/// Aspire.Confluent.Kafka's sections (<c>Aspire:Confluent:Kafka:Producer</c> or <c>:Consumer</c>, then their
/// <c>{name}</c> sub-section: the switches and <c>Config</c>, librdkafka settings by Confluent.Kafka's property names),
/// section <c>Monitoring:Kafka</c> (which wins) and the reference design's <c>POLL_TIMEOUT</c> variable; validated by
/// <see cref="Validate"/> before any client is built.
/// </summary>
public sealed class KafkaSettings
{
    /// <summary>The security protocols librdkafka accepts for <see cref="SecurityProtocol"/>.</summary>
    public static readonly IReadOnlyList<string> SecurityProtocols = ["plaintext", "ssl", "sasl_plaintext", "sasl_ssl"];

    /// <summary>The SASL mechanisms librdkafka accepts for <see cref="SaslMechanism"/>.</summary>
    public static readonly IReadOnlyList<string> SaslMechanisms = ["PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512", "GSSAPI", "OAUTHBEARER"];

    /// <summary>
    /// <c>bootstrap.servers</c>, e.g. <c>kafka-1:9092,kafka-2:9092</c>. Default: the connection string
    /// <c>ConnectionStrings:kafka</c>; a value in the section overrides it. Required.
    /// </summary>
    public string? BootstrapServers { get; set; }

    /// <summary><c>client.id</c>. Default: none (librdkafka's <c>rdkafka</c>).</summary>
    public string? ClientId { get; set; }

    /// <summary><c>group.id</c>; required by consumers and stream workers. Default: none.</summary>
    public string? GroupId { get; set; }

    /// <summary><c>security.protocol</c>: one of <see cref="SecurityProtocols"/>. Default: none (<c>plaintext</c>).</summary>
    public string? SecurityProtocol { get; set; }

    /// <summary><c>sasl.mechanism</c>: one of <see cref="SaslMechanisms"/>. Default: none (<c>GSSAPI</c> when SASL is used).</summary>
    public string? SaslMechanism { get; set; }

    /// <summary><c>sasl.username</c>. Default: none.</summary>
    public string? SaslUsername { get; set; }

    /// <summary><c>sasl.password</c>. Default: none. Never logged.</summary>
    public string? SaslPassword { get; set; }

    /// <summary><c>ssl.ca.location</c>: a CA certificate file. Default: none (the system's store).</summary>
    public string? SslCaLocation { get; set; }

    /// <summary>
    /// How long one poll of a consumer or stream worker waits for a message. Default: <c>POLL_TIMEOUT</c> (seconds) when
    /// set, else 1 s. Between 1 ms and 5 min; a stream worker notices a stop request within this time.
    /// </summary>
    public TimeSpan? PollTimeout { get; set; }

    /// <summary>
    /// <c>statistics.interval.ms</c>: how often librdkafka's statistics become <c>kafka_client_*</c> gauges.
    /// Default: 5 s; <see cref="TimeSpan.Zero"/> turns statistics off, as does <c>Monitoring:Enabled=false</c>. At most 1 h.
    /// </summary>
    public TimeSpan StatisticsInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// <c>session.timeout.ms</c> of consumers only (producers never get it, so librdkafka does not warn about a consumer
    /// property): how long a group waits for a consumer that stopped heartbeating. Default: null, librdkafka's 45 s.
    /// Between 1 s and 1 h; brokers refuse values below their <c>group.min.session.timeout.ms</c> (6 s by default).
    /// </summary>
    public TimeSpan? SessionTimeout { get; set; }

    /// <summary>
    /// Further librdkafka properties (e.g. <c>acks</c>, <c>auto.offset.reset</c>); the well-known one-role ones (such as
    /// these two) go only to that role's clients. Applied after the named settings
    /// above, so they win. Default: empty.
    /// </summary>
    public IDictionary<string, string> Properties { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>
    /// Leaves out the connection's health check (a metadata request through an admin client built from the same
    /// settings, named after the connection, tag <c>ready</c>) that each <c>Add…</c> registers. Default: false.
    /// </summary>
    public bool DisableHealthChecks { get; set; }

    /// <summary>
    /// Turns off librdkafka's statistics and the <c>kafka_client_*</c> gauges made from them, and leaves the messaging Meter
    /// <c>Monitoring.Lib.Kafka</c> (<c>messaging.client.*</c>) out of the OpenTelemetry meter provider (the
    /// counters <c>messages_consumed</c>, <c>messages_produced</c> and <c>messages_errors</c> stay). Default: false.
    /// </summary>
    public bool DisableMetrics { get; set; }

    /// <summary>
    /// Turns off the send and process spans and the trace context in message headers, and leaves the ActivitySource
    /// <c>Monitoring.Lib.Kafka</c> out of the OpenTelemetry tracer provider. Default: false.
    /// </summary>
    public bool DisableTracing { get; set; }

    /// <summary>
    /// Stream workers only: <see cref="Kafka.ProcessingGuarantee.AtLeastOnce"/> (the default) or
    /// <see cref="Kafka.ProcessingGuarantee.ExactlyOnce"/>, which runs the worker's outputs and input offsets in Kafka
    /// transactions (docs/reliability.md says what each costs and guarantees).
    /// </summary>
    public ProcessingGuarantee ProcessingGuarantee { get; set; }

    /// <summary>
    /// Stream workers in <see cref="Kafka.ProcessingGuarantee.ExactlyOnce"/> only: <c>transactional.id</c>, the same for
    /// every run of one instance (so a new run fences its predecessor) and different between instances running at once.
    /// Default: <c>{GroupId}-{HOSTNAME}-{worker type}</c> (the host name from the variable, else the machine's name).
    /// </summary>
    public string? TransactionalId { get; set; }

    /// <summary>
    /// Stream workers in <see cref="Kafka.ProcessingGuarantee.ExactlyOnce"/> only: how long a transaction collects inputs
    /// before it is committed (outputs become visible to <c>read_committed</c> readers at the commit). Default: 100 ms,
    /// Kafka Streams' commit interval for exactly-once. Between 1 ms and 1 min.
    /// </summary>
    public TimeSpan TransactionInterval { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>The poll timeout in effect: <see cref="PollTimeout"/> or its 1 s default.</summary>
    public TimeSpan EffectivePollTimeout => PollTimeout ?? TimeSpan.FromSeconds(1);

    /// <summary>Throws <see cref="InvalidOperationException"/> naming the first bad key and its value.</summary>
    public void Validate() => KafkaSettingsValidator.Validate(this);

    /// <summary>A producer configuration of these settings (validated first).</summary>
    public ProducerConfig ToProducerConfig()
    {
        Validate();
        return new ProducerConfig(KafkaConfigBuilder.Build(this, forConsumer: false));
    }

    /// <summary>A consumer configuration of these settings (validated first; <see cref="GroupId"/> is required).</summary>
    public ConsumerConfig ToConsumerConfig()
    {
        Validate();
        KafkaSettingsValidator.RequireGroupId(this);
        return new ConsumerConfig(KafkaConfigBuilder.Build(this, forConsumer: true));
    }
}
