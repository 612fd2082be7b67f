using System.Diagnostics;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Monitoring.Lib.Kafka.Internal;
using Monitoring.Lib.Metrics;

namespace Monitoring.Lib.Kafka;

/// <summary>
/// A Confluent.Kafka consumer with the reference design's consume helper built in: every message counts
/// <c>messages_consumed{topic}</c>, keeps <c>kafka_consumer_lag_seconds{topic,partition}</c> (now minus the message's
/// timestamp), records OpenTelemetry's
/// <c>messaging.client.consumed.messages</c> and poll <c>messaging.client.operation.duration</c> and, when <c>statistics.interval.ms</c> is set, librdkafka's statistics become <c>kafka_client_*</c> gauges.
/// It is an <see cref="IConsumer{TKey, TValue}"/>: what <c>AddKafkaConsumer</c> registers as that interface, so code
/// written against Confluent.Kafka's interface is monitored unchanged; every member that does not consume is passed to the
/// wrapped consumer as is.
/// </summary>
/// <remarks>
/// Like the consumer it wraps, one thread consumes at a time. Per-topic series are cached, so a message of a topic
/// already seen allocates nothing for metrics. Dispose closes the consumer (leaving its group and committing
/// stored offsets when auto-commit is on).
/// </remarks>
/// <typeparam name="TKey">The message key type (a Confluent.Kafka built-in deserializer unless <c>configure</c> sets one).</typeparam>
/// <typeparam name="TValue">The message value type.</typeparam>
internal sealed partial class MonitoredConsumer<TKey, TValue> : IConsumer<TKey, TValue>
{
    /// <summary>The lag gauge's name.</summary>
    public const string LagMetricName = "kafka_consumer_lag_seconds";

    private readonly MetricsManager _metrics;
    private readonly TimeProvider _time;
    private readonly MetricGauge _lag;
    private readonly Dictionary<string, TopicSeries> _topics = new(StringComparer.Ordinal);
    private readonly KafkaStatisticsPump? _statistics;
    private readonly IConsumer<TKey, TValue> _consumer;
    private readonly string? _groupId;
    private bool _closed;
    private bool _disposed;

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
        _groupId = config.GroupId;
        _lag = metrics.Gauge(LagMetricName, "Seconds between a consumed message's timestamp and its consumption.", "topic", "partition");
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
        _consumer = builder.Build();
    }

    /// <summary>
    /// Whether each message returned gets a <c>poll {topic}</c> span (kind Client), a child of the producer's send span
    /// whose context the message carries, so one trace runs from the producer to the consumer. Default: true; a stream
    /// worker turns it off, its <c>process</c> span being that child.
    /// </summary>
    public bool TracingEnabled { get; init; } = true;

    /// <summary>
    /// Whether a message returned is counted in <c>messages_consumed</c> (its lag is recorded either way). Default: true;
    /// an exactly-once stream worker counts its inputs when their transaction commits instead.
    /// </summary>
    public bool CountsConsumed { get; init; } = true;

    /// <summary>
    /// Waits up to <paramref name="timeout"/> for a message, as <see cref="IConsumer{TKey, TValue}.Consume(TimeSpan)"/>:
    /// null when none arrived. A message is counted and its lag recorded before it is returned (partition-end events,
    /// with <c>enable.partition.eof</c>, are returned uncounted). Consume errors are counted as
    /// <c>messages_errors{exception=code}</c> and thrown as Confluent.Kafka's <see cref="ConsumeException"/>.
    /// </summary>
    public ConsumeResult<TKey, TValue>? Consume(TimeSpan timeout) => Counted(_consumer, timeout, static (consumer, t) => consumer.Consume(t));

    /// <summary>As <see cref="Consume(TimeSpan)"/>, with the timeout in milliseconds.</summary>
    public ConsumeResult<TKey, TValue>? Consume(int millisecondsTimeout) =>
        Counted(_consumer, millisecondsTimeout, static (consumer, t) => consumer.Consume(t));

    /// <summary>Waits for a message until <paramref name="cancellationToken"/> is cancelled; counted as <see cref="Consume(TimeSpan)"/>.</summary>
    public ConsumeResult<TKey, TValue> Consume(CancellationToken cancellationToken = default) =>
        Counted(_consumer, cancellationToken, static (consumer, token) => consumer.Consume(token))!;

    /// <summary>Leaves the group (committing stored offsets when auto-commit is on); <see cref="Dispose"/> does it too.</summary>
    public void Close()
    {
        if (!_closed)
        {
            _closed = true;
            _consumer.Close();
        }
    }

    /// <summary>
    /// Leaves the group (committing stored offsets when auto-commit is on) and releases the consumer. Only the first call
    /// does: the container disposes the instance once per registration it is resolved through (itself and <c>IConsumer</c>).
    /// </summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }
        _disposed = true;
        try
        {
            Close();
        }
        finally
        {
            _consumer.Dispose();
            _statistics?.Dispose();
        }
    }

    // One shape for the three Consume overloads; the static delegates and the argument passed through allocate nothing.
    private ConsumeResult<TKey, TValue>? Counted<TArgument>(IConsumer<TKey, TValue> consumer, TArgument argument,
        Func<IConsumer<TKey, TValue>, TArgument, ConsumeResult<TKey, TValue>?> consume)
    {
        // The clock is read only for a listener: the duration instrument's, or the poll span's.
        var start = _metrics.Messaging.TimesOperations || (TracingEnabled && KafkaTracing.HasListeners) ? Stopwatch.GetTimestamp() : 0;
        ConsumeResult<TKey, TValue>? result;
        try
        {
            result = consume(consumer, argument);
        }
        catch (ConsumeException ex)
        {
            _metrics.CountError(ex.Error.Code.ToString());
            throw;
        }
        if (result is { IsPartitionEOF: false, Message: not null })
        {
            Record(result);
            _metrics.Messaging.Consumed(result.Topic, _groupId, start);
            if (TracingEnabled)
            {
                KafkaTracing.RecordPoll(result, _groupId, start == 0 ? TimeSpan.Zero : Stopwatch.GetElapsedTime(start));
            }
        }
        return result;
    }

    private void Record(ConsumeResult<TKey, TValue> result)
    {
        if (!_topics.TryGetValue(result.Topic, out var series))
        {
            series = new TopicSeries(_metrics.Consumed.WithLabels(result.Topic), _lag, result.Topic);
            _topics.Add(result.Topic, series);
        }
        if (CountsConsumed)
        {
            series.Consumed.Increment();
        }
        var timestamp = result.Message.Timestamp;
        if (timestamp.Type != TimestampType.NotAvailable)
        {
            var lag = _time.GetUtcNow().ToUnixTimeMilliseconds() - timestamp.UnixTimestampMs;
            series.Lag(result.Partition.Value).Set(Math.Max(0, lag) / 1000.0);
        }
    }
}
