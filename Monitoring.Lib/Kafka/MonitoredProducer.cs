using System.Collections.Concurrent;
using System.Diagnostics;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Monitoring.Lib.Kafka.Internal;
using Monitoring.Lib.Metrics;

namespace Monitoring.Lib.Kafka;

/// <summary>
/// A Confluent.Kafka producer with the reference design's producer route built in: a successful delivery counts
/// <c>messages_produced{topic}</c>, a failed one <c>messages_errors{exception}</c> labelled with the Kafka error code's
/// name (e.g. <c>Local_MsgTimedOut</c>); librdkafka's statistics become <c>kafka_client_*</c> gauges when
/// <c>statistics.interval.ms</c> is set; OpenTelemetry's <c>messaging.client.sent.messages</c> and send
/// <c>messaging.client.operation.duration</c> are recorded too. Each message gets a <c>send {topic}</c> span and carries the W3C trace
/// context in its headers (<see cref="KafkaTracing"/>). It is an <see cref="IProducer{TKey, TValue}"/>: what
/// <c>AddKafkaProducer</c> registers as that interface, so code written against Confluent.Kafka's interface is monitored
/// unchanged; every member that does not produce is passed to the wrapped producer as is.
/// </summary>
/// <remarks>
/// Thread-safe. Counting happens on the delivery report, so a message is counted once Kafka has it, not when it is
/// queued. Per-topic series are cached: a topic already seen allocates nothing for metrics. Dispose flushes for up to
/// <see cref="DisposeFlushTimeout"/> (default 10 s) before releasing the producer.
/// </remarks>
/// <typeparam name="TKey">The message key type (a Confluent.Kafka built-in serializer unless <c>configure</c> sets one).</typeparam>
/// <typeparam name="TValue">The message value type.</typeparam>
internal sealed partial class MonitoredProducer<TKey, TValue> : IProducer<TKey, TValue>
{
    private readonly MetricsManager _metrics;
    private readonly ConcurrentDictionary<string, CounterSeries> _produced = new(StringComparer.Ordinal);
    private readonly Action<DeliveryReport<TKey, TValue>> _countReport;
    private readonly Func<string, MetricsManager, CounterSeries> _createSeries = static (topic, metrics) => metrics.Produced.WithLabels(topic);
    private readonly KafkaStatisticsPump? _statistics;
    private readonly IProducer<TKey, TValue> _producer;
    private int _disposed;

    /// <summary>
    /// Builds the producer from <paramref name="config"/>; <paramref name="configure"/> may add serializers or handlers.
    /// librdkafka's log lines and errors go to <paramref name="logger"/> (category <c>Aspire.Confluent.Kafka</c> when
    /// registered through <c>AddKafkaProducer</c>) unless <paramref name="configure"/> set handlers of its own; statistics
    /// become gauges off librdkafka's thread unless it set a statistics handler.
    /// </summary>
    public MonitoredProducer(ProducerConfig config, MetricsManager metrics, Action<ProducerBuilder<TKey, TValue>>? configure = null, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(metrics);
        _metrics = metrics;
        _countReport = Count;
        var builder = new ProducerBuilder<TKey, TValue>(config);
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
        _producer = builder.Build();
    }

    /// <summary>Whether messages get a send span and carry the trace context (<see cref="KafkaTracing"/>). Default: true.</summary>
    public bool TracingEnabled { get; init; } = true;

    /// <summary>
    /// Whether a delivered message is counted in <c>messages_produced</c>. Default: true; an exactly-once stream worker
    /// counts its outputs when their transaction commits instead.
    /// </summary>
    public bool CountsDelivered { get; init; } = true;

    /// <summary>How long <see cref="Dispose"/> waits for queued messages to be delivered. Default: 10 s.</summary>
    public TimeSpan DisposeFlushTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Produces and waits for the delivery report; a failure is counted and thrown as <see cref="ProduceException{TKey, TValue}"/>.</summary>
    public Task<DeliveryResult<TKey, TValue>> ProduceAsync(string topic, Message<TKey, TValue> message, CancellationToken cancellationToken = default) =>
        ProduceAsync(new TopicPartition(topic, Partition.Any), message, cancellationToken);

    /// <summary>Produces to one partition and waits for the delivery report; a failure is counted and thrown.</summary>
    public async Task<DeliveryResult<TKey, TValue>> ProduceAsync(TopicPartition topicPartition, Message<TKey, TValue> message,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(topicPartition);
        using var activity = TracingEnabled ? KafkaTracing.StartSend(topicPartition.Topic, message) : null;
        var start = _metrics.Messaging.TimesOperations ? Stopwatch.GetTimestamp() : 0;
        DeliveryResult<TKey, TValue> result;
        try
        {
            result = await _producer.ProduceAsync(topicPartition, message, cancellationToken).ConfigureAwait(false);
        }
        catch (KafkaException ex)
        {
            _metrics.CountError(ex.Error.Code.ToString());
            _metrics.Messaging.Sent(topicPartition.Topic, ex.Error.Code, start);
            KafkaTracing.Fail(activity, ex.Error.Code);
            throw;
        }
        if (CountsDelivered)
        {
            Series(result.Topic).Increment();
        }
        _metrics.Messaging.Sent(result.Topic, ErrorCode.NoError, start);
        return result;
    }

    /// <summary>
    /// Queues a message without waiting (fire and forget); its delivery report is counted, then passed to
    /// <paramref name="deliveryHandler"/> when given (on librdkafka's delivery thread: keep it short). A message the
    /// local queue refuses is counted and thrown as <see cref="ProduceException{TKey, TValue}"/>.
    /// </summary>
    public void Produce(string topic, Message<TKey, TValue> message, Action<DeliveryReport<TKey, TValue>>? deliveryHandler = null) =>
        Produce(new TopicPartition(topic, Partition.Any), message, deliveryHandler);

    /// <summary>Queues a message for one partition without waiting; see <see cref="Produce(string, Message{TKey, TValue}, Action{DeliveryReport{TKey, TValue}}?)"/>.</summary>
    public void Produce(TopicPartition topicPartition, Message<TKey, TValue> message, Action<DeliveryReport<TKey, TValue>>? deliveryHandler = null)
    {
        ArgumentNullException.ThrowIfNull(topicPartition);
        var activity = TracingEnabled ? KafkaTracing.StartSend(topicPartition.Topic, message) : null;
        var start = _metrics.Messaging.TimesOperations ? Stopwatch.GetTimestamp() : 0;
        // Without a span, a timed send or a caller's handler the cached delegate is used: nothing is allocated per message.
        var handler = deliveryHandler is null && activity is null && start == 0 ? _countReport : report =>
        {
            Count(report, start);
            if (report.Error.IsError)
            {
                KafkaTracing.Fail(activity, report.Error.Code);
            }
            activity?.Dispose();
            deliveryHandler?.Invoke(report);
        };
        try
        {
            _producer.Produce(topicPartition, message, handler);
        }
        catch (KafkaException ex)
        {
            _metrics.CountError(ex.Error.Code.ToString());
            _metrics.Messaging.Sent(topicPartition.Topic, ex.Error.Code, start);
            KafkaTracing.Fail(activity, ex.Error.Code);
            activity?.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Flushes for up to <see cref="DisposeFlushTimeout"/>, then releases the producer. Only the first call does: the
    /// container disposes the instance once per registration it is resolved through (itself and <c>IProducer</c>).
    /// </summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }
        try
        {
            _producer.Flush(DisposeFlushTimeout);
        }
        finally
        {
            _producer.Dispose();
            _statistics?.Dispose();
        }
    }

    private void Count(DeliveryReport<TKey, TValue> report) => Count(report, startTimestamp: 0);

    private void Count(DeliveryReport<TKey, TValue> report, long startTimestamp)
    {
        _metrics.Messaging.Sent(report.Topic, report.Error.Code, startTimestamp);
        if (report.Error.IsError)
        {
            _metrics.CountError(report.Error.Code.ToString());
        }
        else if (CountsDelivered)
        {
            Series(report.Topic).Increment();
        }
    }

    private CounterSeries Series(string topic) => _produced.GetOrAdd(topic, _createSeries, _metrics);
}
