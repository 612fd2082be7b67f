namespace Monitoring.Lib;

/// <summary>Names of the configuration sections the monitoring layer binds.</summary>
public static class MonitoringSections
{
    /// <summary>The root section, <c>Monitoring</c>.</summary>
    public const string Root = "Monitoring";

    /// <summary>Metrics push settings, <c>Monitoring:Metrics</c>.</summary>
    public const string Metrics = "Monitoring:Metrics";

    /// <summary>InfluxDB point settings, <c>Monitoring:Influx</c>.</summary>
    public const string Influx = "Monitoring:Influx";

    /// <summary>Kafka client settings, <c>Monitoring:Kafka</c>.</summary>
    public const string Kafka = "Monitoring:Kafka";

    /// <summary>Redis subscriber settings, <c>Monitoring:Redis</c>.</summary>
    public const string Redis = "Monitoring:Redis";

    /// <summary>Aspire.Confluent.Kafka's producer section, read as that package reads it.</summary>
    internal const string AspireKafkaProducer = "Aspire:Confluent:Kafka:Producer";

    /// <summary>Aspire.Confluent.Kafka's consumer section, read as that package reads it.</summary>
    internal const string AspireKafkaConsumer = "Aspire:Confluent:Kafka:Consumer";
}
