using System.Text.Json;
using Monitoring.Lib.Metrics;

namespace Monitoring.Lib.Kafka.Internal;

/// <summary>
/// Turns librdkafka's statistics JSON (<c>statistics.interval.ms</c>) into gauges of the metrics manager, labelled by
/// <c>client</c> = the statistics' <c>name</c> (unique per client instance, e.g. <c>rdkafka#consumer-1</c>).
/// </summary>
/// <remarks>
/// The byte and message totals are librdkafka's own cumulative counts; they are exposed as gauges set to the reported
/// value because the client, not this process, keeps the count (a restarted client starts again at zero).
/// </remarks>
internal sealed class KafkaStatisticsMetrics
{
    public const string QueuedName = "kafka_client_messages_queued";
    public const string TxBytesName = "kafka_client_tx_bytes_total";
    public const string RxBytesName = "kafka_client_rx_bytes_total";
    public const string TxMessagesName = "kafka_client_tx_messages_total";
    public const string RxMessagesName = "kafka_client_rx_messages_total";
    public const string PartitionLagName = "kafka_consumer_partition_lag";

    private readonly MetricsManager _metrics;
    private readonly MetricGauge _queued;
    private readonly MetricGauge _txBytes;
    private readonly MetricGauge _rxBytes;
    private readonly MetricGauge _txMessages;
    private readonly MetricGauge _rxMessages;
    private readonly MetricGauge _partitionLag;

    public KafkaStatisticsMetrics(MetricsManager metrics)
    {
        _metrics = metrics;
        _queued = metrics.Gauge(QueuedName, "Messages in the client's queues (librdkafka msg_cnt).", "client");
        _txBytes = metrics.Gauge(TxBytesName, "Bytes the client sent to brokers (librdkafka tx_bytes).", "client");
        _rxBytes = metrics.Gauge(RxBytesName, "Bytes the client received from brokers (librdkafka rx_bytes).", "client");
        _txMessages = metrics.Gauge(TxMessagesName, "Messages the client sent (librdkafka txmsgs).", "client");
        _rxMessages = metrics.Gauge(RxMessagesName, "Messages the client received (librdkafka rxmsgs).", "client");
        _partitionLag = metrics.Gauge(PartitionLagName,
            "Messages between the consumer's position and the partition's end (librdkafka consumer_lag).", "client", "topic", "partition");
    }

    /// <summary>
    /// Applies one statistics document. Called on librdkafka's poll thread, so it never throws: a document that does
    /// not parse counts <c>messages_errors{exception="JsonException"}</c> (the base type: the parser throws internal subclasses) and is otherwise ignored.
    /// </summary>
    public void Update(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            Apply(document.RootElement);
        }
        catch (JsonException)
        {
            _metrics.CountError(nameof(JsonException));
        }
    }

    private void Apply(JsonElement root)
    {
        var client = root.TryGetProperty("name", out var name) ? name.GetString() ?? "" : "";
        SetFrom(root, "msg_cnt", _queued, client);
        SetFrom(root, "tx_bytes", _txBytes, client);
        SetFrom(root, "rx_bytes", _rxBytes, client);
        SetFrom(root, "txmsgs", _txMessages, client);
        SetFrom(root, "rxmsgs", _rxMessages, client);
        if (!root.TryGetProperty("topics", out var topics) || topics.ValueKind != JsonValueKind.Object)
        {
            return;
        }
        foreach (var topic in topics.EnumerateObject())
        {
            if (!topic.Value.TryGetProperty("partitions", out var partitions) || partitions.ValueKind != JsonValueKind.Object)
            {
                continue;
            }
            foreach (var partition in partitions.EnumerateObject())
            {
                // "-1" is librdkafka's unassigned-partition bucket; a lag of -1 means "not known yet".
                if (partition.Name == "-1" || !partition.Value.TryGetProperty("consumer_lag", out var lag) ||
                    !lag.TryGetInt64(out var value) || value < 0)
                {
                    continue;
                }
                _partitionLag.WithLabels(client, topic.Name, partition.Name).Set(value);
            }
        }
    }

    private static void SetFrom(JsonElement root, string property, MetricGauge gauge, string client)
    {
        if (root.TryGetProperty(property, out var value) && value.TryGetDouble(out var number))
        {
            gauge.WithLabels(client).Set(number);
        }
    }
}
