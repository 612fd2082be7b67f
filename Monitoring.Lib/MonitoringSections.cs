using Microsoft.Extensions.Configuration;

namespace Monitoring.Lib;

/// <summary>
/// Names of the configuration sections the monitoring layer binds, and its master switch <see cref="Enabled"/>.
/// </summary>
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

    /// <summary>Request monitoring settings (<c>UseRequestMonitoring</c>, <c>UseMonitoredExceptionHandler</c>), <c>Monitoring:Requests</c>.</summary>
    public const string Requests = "Monitoring:Requests";

    /// <summary>
    /// The master switch, <c>Monitoring:Enabled</c> (environment variable <c>Monitoring__Enabled</c>; default <c>true</c>).
    /// <c>false</c> turns off everything the layer sends
    /// or adds per request: no metrics push, no InfluxDB points (<c>AddInfluxPoints</c> registers nothing), no request
    /// middleware (<c>UseRequestMonitoring</c> adds nothing, so no request ids are echoed), no librdkafka statistics, no
    /// OpenTelemetry export. Counters stay in memory (a few nanoseconds each) and <c>/metrics</c> still answers, so code that
    /// increments them needs no change. Meant to measure the layer's cost and to switch it off in an emergency without a build.
    /// </summary>
    public const string Enabled = Root + ":Enabled";

    /// <summary>Whether monitoring is on: true unless <see cref="Enabled"/> (<c>Monitoring:Enabled</c>) is <c>false</c>.</summary>
    /// <exception cref="InvalidOperationException">The value is neither <c>true</c> nor <c>false</c>; the message names the key and the value.</exception>
    public static bool IsEnabled(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var text = configuration[Enabled];
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }
        return bool.TryParse(text.Trim(), out var enabled)
            ? enabled
            : throw new InvalidOperationException($"{Enabled} is '{text}': use true or false.");
    }

    /// <summary>Aspire.Confluent.Kafka's producer section, read as that package reads it.</summary>
    internal const string AspireKafkaProducer = "Aspire:Confluent:Kafka:Producer";

    /// <summary>Aspire.Confluent.Kafka's consumer section, read as that package reads it.</summary>
    internal const string AspireKafkaConsumer = "Aspire:Confluent:Kafka:Consumer";
}
