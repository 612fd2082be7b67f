namespace Monitoring.Benchmarks.Pipeline;

/// <summary>What the samples run with in <see cref="PipelineThroughputBenchmarks"/>.</summary>
public enum PipelineMode
{
    /// <summary><c>Monitoring__Enabled=false</c>.</summary>
    Off,

    /// <summary>Monitoring as the AppHost configures it.</summary>
    On,

    /// <summary>Monitoring on but no InfluxDB URL: metrics, request ids and Kafka statistics, no points.</summary>
    OnWithoutPoints,

    /// <summary>Monitoring on but librdkafka statistics off (<c>Monitoring__Kafka__StatisticsInterval=0</c>).</summary>
    OnWithoutKafkaStatistics,

    /// <summary>Monitoring on but the metrics push off (<c>Monitoring__Metrics__PushEnabled=false</c>).</summary>
    OnWithoutPush,

    /// <summary>
    /// Monitoring on with points, librdkafka statistics and the metrics push all off: what is left is the request
    /// middleware (request ids, no points) and the counters.
    /// </summary>
    OnRequestIdsOnly,

    /// <summary>
    /// The samples as the AppHost runs them with <c>Samples:Environment=Development</c>: every trace kept, exemplars on,
    /// Redis command spans. A copy of its own (<c>-dev</c>), started only when a case asks for it.
    /// </summary>
    Development,

    /// <summary>
    /// Monitoring on with the consumer's <c>fetch.wait.max.ms</c> at librdkafka's default, 500 ms, as before DevKafka's
    /// reference lowered it to 10 ms. A copy of its own (<c>-fetch500</c>), started only when a case asks for it.
    /// </summary>
    OnLibrdkafkaDefaultFetchWait,

    /// <summary>
    /// Monitoring on with the consumer in <c>AtLeastOnce</c> (<c>Monitoring__Kafka__ProcessingGuarantee</c>) instead of the
    /// sample's <c>ExactlyOnce</c>. A copy of its own (<c>-alo</c>), started only when a case asks for it.
    /// </summary>
    OnAtLeastOnce,
}
