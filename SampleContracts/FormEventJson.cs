using System.Buffers;
using System.Text.Json;

namespace MonitoringStack.SampleContracts;

/// <summary>
/// The event the consumer publishes on Redis <c>events:{account_id}</c> for each delivered form and the web producer
/// relays to WebSocket clients, written and read here only:
/// <c>{"request_id":…,"account_id":…,"produced_at":unix ms,"traceparent":…,"form":{…}}</c>. <c>produced_at</c> is the
/// form's Kafka timestamp; <c>traceparent</c> (W3C, only when a span was current) continues the form's trace.
/// </summary>
public static class FormEventJson
{
    /// <summary>The event of one delivered form, as UTF-8 JSON.</summary>
    /// <param name="requestId">The request id of the HTTP request that posted the form.</param>
    /// <param name="accountId">The form's account.</param>
    /// <param name="producedAt">When the form was produced to Kafka (its message timestamp).</param>
    /// <param name="form">The form's JSON, written as it is.</param>
    /// <param name="traceParent">The W3C traceparent of the span that processed the form, or null.</param>
    public static byte[] Write(string requestId, string accountId, DateTimeOffset producedAt, string form, string? traceParent)
    {
        var buffer = new ArrayBufferWriter<byte>(form.Length + 160);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("request_id", requestId);
            writer.WriteString("account_id", accountId);
            writer.WriteNumber("produced_at", producedAt.ToUnixTimeMilliseconds());
            if (traceParent is not null)
            {
                writer.WriteString("traceparent", traceParent);
            }
            writer.WritePropertyName("form");
            writer.WriteRawValue(form, skipInputValidation: true);
            writer.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>
    /// The fields the WebSocket side needs: request id (empty when absent), <c>produced_at</c> and <c>traceparent</c>
    /// (null when absent). False for a payload that is not a JSON object: it is still relayed, without them.
    /// </summary>
    public static bool TryRead(ReadOnlyMemory<byte> payload, out string requestId, out long? producedAtMs, out string? traceParent)
    {
        (requestId, producedAtMs, traceParent) = ("", null, null);
        try
        {
            using var json = JsonDocument.Parse(payload);
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return false;
            }
            requestId = root.TryGetProperty("request_id", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString()! : "";
            producedAtMs = root.TryGetProperty("produced_at", out var at) && at.TryGetInt64(out var ms) ? ms : null;
            traceParent = root.TryGetProperty("traceparent", out var trace) && trace.ValueKind == JsonValueKind.String ? trace.GetString() : null;
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
