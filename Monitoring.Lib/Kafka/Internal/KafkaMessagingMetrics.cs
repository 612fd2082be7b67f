using System.Diagnostics;
using System.Diagnostics.Metrics;
using Confluent.Kafka;

namespace Monitoring.Lib.Kafka.Internal;

/// <summary>
/// OpenTelemetry's messaging instruments (semantic conventions 1.27+) on the Meter <see cref="MeterName"/>, next to the
/// seed's <c>messages_*</c> counters: <c>messaging.client.sent.messages</c>, <c>messaging.client.consumed.messages</c>,
/// <c>messaging.client.operation.duration</c> (send: from produce to delivery report; poll: the Consume call that
/// returned a message) and <c>messaging.process.duration</c> (a stream worker's handler). Attributes
/// <c>messaging.system</c>=<c>kafka</c>, <c>messaging.operation.name</c> (<c>send</c>, <c>poll</c>, <c>process</c>),
/// <c>messaging.operation.type</c>, <c>messaging.destination.name</c>, <c>messaging.consumer.group.name</c> and
/// <c>error.type</c> (the Kafka error code's name or the exception type) on failures.
/// </summary>
/// <remarks>Nothing is allocated per message: tags live in a <see cref="TagList"/> on the stack; with no listener an instrument costs a flag check.</remarks>
internal sealed class KafkaMessagingMetrics
{
    /// <summary>The Meter name, <c>Monitoring.Lib.Kafka</c>: the same as the ActivitySource's.</summary>
    public const string MeterName = KafkaTracing.ActivitySourceName;

    // The conventions' advice for messaging durations, in seconds.
    private static readonly double[] DurationBuckets = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10];

    private readonly Counter<long> _sent;
    private readonly Counter<long> _consumed;
    private readonly Histogram<double> _operationDuration;
    private readonly Histogram<double> _processDuration;

    public KafkaMessagingMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(new MeterOptions(MeterName));
        var advice = new InstrumentAdvice<double> { HistogramBucketBoundaries = DurationBuckets };
        _sent = meter.CreateCounter<long>("messaging.client.sent.messages", "{message}",
            "Messages a producer attempted to send (counted on the delivery report; error.type set when it failed).");
        _consumed = meter.CreateCounter<long>("messaging.client.consumed.messages", "{message}",
            "Messages a consumer delivered to the application.");
        _operationDuration = meter.CreateHistogram("messaging.client.operation.duration", "s",
            "Duration of send (produce to delivery report) and poll (a Consume call that returned a message) operations.", tags: null, advice);
        _processDuration = meter.CreateHistogram("messaging.process.duration", "s",
            "Duration of a stream worker's handling of one message.", tags: null, advice);
    }

    /// <summary>
    /// Whether operation durations are listened to: only then do callers read the clock for a start time (a clock read
    /// is most of what a message would cost with nothing listening).
    /// </summary>
    public bool TimesOperations => _operationDuration.Enabled;

    /// <summary>Whether process durations are listened to.</summary>
    public bool TimesProcessing => _processDuration.Enabled;

    /// <summary>One send's outcome; <paramref name="startTimestamp"/> (from <see cref="Stopwatch.GetTimestamp"/>) 0 records no duration.</summary>
    public void Sent(string topic, ErrorCode error, long startTimestamp)
    {
        if (Listened(_sent, startTimestamp))
        {
            Count(_sent, startTimestamp, Tags("send", "send", topic, group: null, error != ErrorCode.NoError ? error.ToString() : null));
        }
    }

    /// <summary>One message returned by a Consume call started at <paramref name="startTimestamp"/> (0: not timed).</summary>
    public void Consumed(string topic, string? group, long startTimestamp)
    {
        if (Listened(_consumed, startTimestamp))
        {
            Count(_consumed, startTimestamp, Tags("poll", "receive", topic, group, errorType: null));
        }
    }

    /// <summary>One message handled (or failed, <paramref name="errorType"/> set) since <paramref name="startTimestamp"/> (0: not timed).</summary>
    public void Processed(string topic, string? group, long startTimestamp, string? errorType)
    {
        if (startTimestamp != 0 && _processDuration.Enabled)
        {
            _processDuration.Record(Stopwatch.GetElapsedTime(startTimestamp).TotalSeconds, Tags("process", "process", topic, group, errorType));
        }
    }

    // The tags are built only when something listens: with nothing listening a message costs two flag checks.
    private bool Listened(Counter<long> counter, long startTimestamp) => counter.Enabled || (startTimestamp != 0 && _operationDuration.Enabled);

    private void Count(Counter<long> counter, long startTimestamp, in TagList tags)
    {
        counter.Add(1, tags);
        if (startTimestamp != 0 && _operationDuration.Enabled)
        {
            _operationDuration.Record(Stopwatch.GetElapsedTime(startTimestamp).TotalSeconds, tags);
        }
    }

    private static TagList Tags(string operationName, string operationType, string topic, string? group, string? errorType)
    {
        var tags = new TagList
        {
            { "messaging.system", "kafka" },
            { "messaging.operation.name", operationName },
            { "messaging.operation.type", operationType },
            { "messaging.destination.name", topic },
        };
        if (group is not null)
        {
            tags.Add("messaging.consumer.group.name", group);
        }
        if (errorType is not null)
        {
            tags.Add("error.type", errorType);
        }
        return tags;
    }
}
