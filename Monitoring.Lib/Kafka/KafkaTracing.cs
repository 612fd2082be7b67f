using System.Diagnostics;
using System.Globalization;
using System.Text;
using Confluent.Kafka;

namespace Monitoring.Lib.Kafka;

/// <summary>
/// Spans of the Kafka helpers and the W3C trace context they carry in message headers (<c>traceparent</c>,
/// <c>tracestate</c>), so that one trace runs from the request that produced a message through every service that
/// handles it. Attribute names follow OpenTelemetry's messaging conventions. Nothing is created or written when no
/// listener (an OpenTelemetry tracer provider with <see cref="ActivitySourceName"/>) is attached, except that a
/// caller's own span (<see cref="Activity.Current"/>) is still propagated.
/// </summary>
internal static class KafkaTracing
{
    /// <summary>The <see cref="ActivitySource"/> name, <c>Monitoring.Lib.Kafka</c>; the Kafka registrations add it to the tracer provider.</summary>
    public const string ActivitySourceName = "Monitoring.Lib.Kafka";

    private static readonly ActivitySource Source = new(ActivitySourceName);

    /// <summary>
    /// Starts a <c>send {topic}</c> span (kind Producer) as a child of the current one and writes the trace context
    /// into <paramref name="message"/>'s headers, replacing any that came with it (a stream worker forwarding an
    /// input's headers must not pass on the input's context). Null when nothing listens; then the current span, if
    /// any, is what the headers carry. Dispose the span when the delivery report arrives.
    /// </summary>
    public static Activity? StartSend<TKey, TValue>(string topic, Message<TKey, TValue> message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var activity = Source.StartActivity($"send {topic}", ActivityKind.Producer);
        // A span the sampler did not keep only carries the context on: its tags would be built for nothing.
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag("messaging.system", "kafka");
            activity.SetTag("messaging.operation.type", "send");
            activity.SetTag("messaging.destination.name", topic);
        }
        if ((activity ?? Activity.Current) is { } context)
        {
            message.Headers ??= [];
            DistributedContextPropagator.Current.Inject(context, message.Headers, static (carrier, name, value) =>
            {
                var headers = (Headers)carrier!;
                headers.Remove(name);
                headers.Add(name, Encoding.ASCII.GetBytes(value));
            });
        }
        return activity;
    }

    /// <summary>
    /// Starts a <c>process {topic}</c> span (kind Consumer) whose parent is the trace context in
    /// <paramref name="input"/>'s headers (the producer's send span), else the current span. It becomes
    /// <see cref="Activity.Current"/>: what the handler then produces, publishes or records joins the same trace.
    /// Null when nothing listens.
    /// </summary>
    public static Activity? StartProcess<TKey, TValue>(ConsumeResult<TKey, TValue> input, string? consumerGroup)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (!Source.HasListeners())
        {
            return null;
        }
        var parent = ExtractContext(input.Message?.Headers);
        var activity = parent is { } remote
            ? Source.StartActivity($"process {input.Topic}", ActivityKind.Consumer, remote)
            : Source.StartActivity($"process {input.Topic}", ActivityKind.Consumer);
        SetConsumerTags(activity, "process", "process", input, consumerGroup);
        return activity;
    }

    /// <summary>Whether anything listens to the source (a tracer provider that added it).</summary>
    internal static bool HasListeners => Source.HasListeners();

    /// <summary>
    /// Records a <c>poll {topic}</c> span (kind Client) for a message a Consume call returned, <paramref name="elapsed"/>
    /// long and ended now, a child of the producer's context in the message's headers (the conventions' choice for a
    /// single message), else of the current span. Nothing is created when nothing listens.
    /// </summary>
    internal static void RecordPoll<TKey, TValue>(ConsumeResult<TKey, TValue> result, string? consumerGroup, TimeSpan elapsed)
    {
        if (!Source.HasListeners())
        {
            return;
        }
        var parent = ExtractContext(result.Message?.Headers) ?? default;
        using var activity = Source.StartActivity(ActivityKind.Client, parent, startTime: DateTimeOffset.UtcNow - elapsed, name: $"poll {result.Topic}");
        SetConsumerTags(activity, "poll", "receive", result, consumerGroup);
    }

    private static void SetConsumerTags<TKey, TValue>(Activity? activity, string operationName, string operationType,
        ConsumeResult<TKey, TValue> message, string? consumerGroup)
    {
        // Under a ratio sampler most spans are not kept: those only carry the trace on, and their tags (a partition
        // number formatted, an offset boxed) would be built for nothing.
        if (activity is not { IsAllDataRequested: true })
        {
            return;
        }
        activity.SetTag("messaging.system", "kafka");
        activity.SetTag("messaging.operation.name", operationName);
        activity.SetTag("messaging.operation.type", operationType);
        activity.SetTag("messaging.destination.name", message.Topic);
        activity.SetTag("messaging.destination.partition.id", message.Partition.Value.ToString(CultureInfo.InvariantCulture));
        activity.SetTag("messaging.kafka.offset", message.Offset.Value);
        if (consumerGroup is not null)
        {
            activity.SetTag("messaging.consumer.group.name", consumerGroup);
        }
    }

    /// <summary>The trace context a message's headers carry, or null when they carry none (or an unreadable one).</summary>
    public static ActivityContext? ExtractContext(Headers? headers)
    {
        if (headers is null)
        {
            return null;
        }
        DistributedContextPropagator.Current.ExtractTraceIdAndState(headers, static (object? carrier, string name, out string? value, out IEnumerable<string>? values) =>
        {
            values = null;
            value = ((Headers)carrier!).TryGetLastBytes(name, out var bytes) ? Encoding.ASCII.GetString(bytes) : null;
        }, out var traceParent, out var traceState);
        return traceParent is not null && ActivityContext.TryParse(traceParent, traceState, isRemote: true, out var context) ? context : null;
    }

    /// <summary>Marks <paramref name="activity"/> failed with the Kafka error code's name (e.g. <c>Local_MsgTimedOut</c>).</summary>
    internal static void Fail(Activity? activity, ErrorCode code)
    {
        if (activity is not null)
        {
            var name = code.ToString();
            activity.SetTag("error.type", name);
            activity.SetStatus(ActivityStatusCode.Error, name);
        }
    }
}
