using MonitoringStack.SampleContracts;

namespace MonitoringStack.SampleWebProducer;

/// <summary>One event from Redis, as sent to the account's WebSocket clients.</summary>
/// <param name="Payload">The event JSON exactly as published.</param>
/// <param name="RequestId">The <c>request_id</c> of the form's HTTP request, or empty.</param>
/// <param name="ProducedAtMs">The <c>produced_at</c> field (unix ms, when the form was produced), or null.</param>
/// <param name="TraceParent">The <c>traceparent</c> field (W3C trace context of the form's trace), or null.</param>
internal sealed record RelayedEvent(ReadOnlyMemory<byte> Payload, string RequestId, long? ProducedAtMs, string? TraceParent)
{
    /// <summary>When the event arrived from Redis (<see cref="System.Diagnostics.Stopwatch"/> ticks): where <c>transport_time</c> starts.</summary>
    public long ReceivedAt { get; } = System.Diagnostics.Stopwatch.GetTimestamp();

    /// <summary>Reads the fields the WebSocket side needs; a payload that is not the expected JSON still gets through.</summary>
    public static RelayedEvent Parse(ReadOnlyMemory<byte> payload)
    {
        // A payload that is not the contract's JSON is not ours to reject: it is forwarded as is, without the fields.
        FormEventJson.TryRead(payload, out var requestId, out var producedAt, out var traceParent);
        return new RelayedEvent(payload, requestId, producedAt, traceParent);
    }
}
