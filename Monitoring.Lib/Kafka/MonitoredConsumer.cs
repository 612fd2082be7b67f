using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Monitoring.Lib.Kafka.Internal;
using Monitoring.Lib.Metrics;

namespace Monitoring.Lib.Kafka;

/// <summary>
/// A Confluent.Kafka consumer with the reference design's consume helper built in: every message counts
/// <c>messages_consumed{topic}</c>, keeps <c>kafka_consumer_lag_seconds{topic,partition}</c> (now minus the message's
/// timestamp) and, when <c>statistics.interval.ms</c> is set, librdkafka's statistics become <c>kafka_client_*</c> gauges.
/// </summary>
/// <remarks>
/// Like the consumer it wraps, one thread consumes at a time. Per-topic series are cached, so a message of a topic
/// already seen allocates nothing for metrics. Dispose closes the consumer (leaving its group and committing
/// stored offsets when auto-commit is on).
/// </remarks>
/// <typeparam name="TKey">The message key type (a Confluent.Kafka built-in deserializer unless <c>configure</c> sets one).</typeparam>
/// <typeparam name="TValue">The message value type.</typeparam>
public sealed class MonitoredConsumer<TKey, TValue> : IDisposable
{
    /// <summary>The lag gauge's name.</summary>
    public const string LagMetricName = "kafka_consumer_lag_seconds";

    private readonly MetricsManager _metrics;
    private readonly TimeProvider _time;
    private readonly MetricGauge _lag;
    private readonly Dictionary<string, TopicSeries> _topics = new(StringComparer.Ordinal);
    private readonly KafkaStatisticsPump? _statistics;
    private bool _closed;

    /// <summary>
    /// Builds the consumer from <paramref name="config"/>; <paramref name="configure"/> may add deserializers or handlers.
    /// librdkafka's log lines and errors go to <paramref name="logger"/> unless <paramref name="configure"/> set handlers
    /// of its own; statistics become gauges off the consuming thread unless it set a statistics handler.
    /// </summary>
    public MonitoredConsumer(ConsumerConfig config, MetricsManager metrics, TimeProvider? timeProvider = null,
        Action<ConsumerBuilder<TKey, TValue>>? configure = null, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(metrics);
        _metrics = metrics;
        _time = timeProvider ?? TimeProvider.System;
        _lag = metrics.CreateGauge(LagMetricName, "Seconds between a consumed message's timestamp and its consumption.", "topic", "partition");
        Config = config;
        var builder = new ConsumerBuilder<TKey, TValue>(config);
        configure?.Invoke(builder);
        var log = logger ?? NullLogger.Instance;
        KafkaClientHandlers.TrySet(() => builder.SetLogHandler((_, message) => KafkaClientLog.Write(log, message)), log, "log");
        KafkaClientHandlers.TrySet(() => builder.SetErrorHandler((client, error) => KafkaClientLog.Error(log, client.Name, error)), log, "error");
        if (config.StatisticsIntervalMs is > 0)
        {
            var pump = new KafkaStatisticsPump(new KafkaStatisticsMetrics(metrics));
            _statistics = KafkaClientHandlers.TrySet(() => builder.SetStatisticsHandler((_, json) => pump.Post(json)), log, "statistics") ? pump : null;
            if (_statistics is null)
            {
                pump.Dispose();
            }
        }
        Consumer = builder.Build();
    }

    /// <summary>The wrapped consumer: subscribe, assign, commit and seek through it.</summary>
    public IConsumer<TKey, TValue> Consumer { get; }

    /// <summary>The configuration the consumer was built from.</summary>
    public ConsumerConfig Config { get; }

    /// <summary>
    /// Waits up to <paramref name="timeout"/> for a message. A message is counted and its lag recorded before it is
    /// returned; "no message" is the default outcome. Consume errors are counted as <c>messages_errors{exception=code}</c>
    /// and thrown as Confluent.Kafka's <see cref="ConsumeException"/>.
    /// </summary>
    public KafkaConsumeOutcome<TKey, TValue> Consume(TimeSpan timeout)
    {
        ConsumeResult<TKey, TValue>? result;
        try
        {
            result = Consumer.Consume(timeout);
        }
        catch (ConsumeException ex)
        {
            _metrics.CountError(ex.Error.Code.ToString());
            throw;
        }
        if (result is null || result.IsPartitionEOF || result.Message is null)
        {
            return default;
        }
        Record(result);
        return new KafkaConsumeOutcome<TKey, TValue>(result);
    }

    /// <summary>Subscribes to <paramref name="topics"/> (a shortcut for <see cref="Consumer"/>.Subscribe).</summary>
    public void Subscribe(params IEnumerable<string> topics) => Consumer.Subscribe(topics);

    /// <summary>Leaves the group (committing stored offsets when auto-commit is on) and releases the consumer.</summary>
    public void Dispose()
    {
        if (!_closed)
        {
            _closed = true;
            try
            {
                Consumer.Close();
            }
            finally
            {
                Consumer.Dispose();
                _statistics?.Dispose();
            }
        }
    }

    private void Record(ConsumeResult<TKey, TValue> result)
    {
        if (!_topics.TryGetValue(result.Topic, out var series))
        {
            series = new TopicSeries(_metrics.Consumed.WithLabels(result.Topic), _lag, result.Topic);
            _topics.Add(result.Topic, series);
        }
        series.Consumed.Increment();
        var timestamp = result.Message.Timestamp;
        if (timestamp.Type != TimestampType.NotAvailable)
        {
            var lag = _time.GetUtcNow().ToUnixTimeMilliseconds() - timestamp.UnixTimestampMs;
            series.Lag(result.Partition.Value).Set(Math.Max(0, lag) / 1000.0);
        }
    }
}
