using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Monitoring.Samples.Consumer;

/// <summary>Reads a form from the <c>forms</c> topic and writes the event published for it on Redis.</summary>
internal static partial class FormEvents
{
    /// <summary>The Kafka header that carries the request id of the HTTP request that posted the form.</summary>
    public const string RequestIdHeader = "request_id";

    /// <summary>
    /// Parses <paramref name="value"/> and returns its <c>account_id</c>; throws <see cref="FormRejectedException"/>
    /// for anything else than a JSON object whose <c>account_id</c> matches <c>^[A-Za-z0-9_-]{1,64}$</c>.
    /// </summary>
    public static string ReadAccountId(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            throw new FormRejectedException("the form is empty");
        }
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(value);
        }
        catch (JsonException ex)
        {
            throw new FormRejectedException($"the form is not JSON: {ex.Message}", ex);
        }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new FormRejectedException($"the form is a JSON {document.RootElement.ValueKind}, not an object");
            }
            if (!document.RootElement.TryGetProperty("account_id", out var account) || account.ValueKind != JsonValueKind.String)
            {
                throw new FormRejectedException("account_id is missing or not a string");
            }
            var accountId = account.GetString()!;
            if (!AccountIdPattern().IsMatch(accountId))
            {
                var shown = accountId.Length > 80 ? accountId[..80] + "…" : accountId;
                throw new FormRejectedException($"account_id '{shown}' does not match ^[A-Za-z0-9_-]{{1,64}}$");
            }
            return accountId;
        }
    }

    /// <summary>
    /// The event: <c>{"request_id":…,"account_id":…,"produced_at":unix ms,"traceparent":…,"form":{…}}</c>.
    /// <c>produced_at</c> is the form's Kafka timestamp (when the web producer produced it), so a subscriber computes
    /// the end-to-end latency; <c>traceparent</c> (W3C, only when a span is current) lets it continue the form's trace.
    /// </summary>
    public static byte[] WriteEvent(string requestId, string accountId, DateTimeOffset producedAt, string form, string? traceParent = null)
    {
        var buffer = new ArrayBufferWriter<byte>(form.Length + 128);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("request_id", requestId);
            writer.WriteString("account_id", accountId);
            writer.WriteNumber("produced_at", producedAt.ToUnixTimeMilliseconds());
            if (traceParent is not null)
            {
                // W3C trace context: the WebSocket side continues the form's trace with it.
                writer.WriteString("traceparent", traceParent);
            }
            writer.WritePropertyName("form");
            writer.WriteRawValue(form, skipInputValidation: true);
            writer.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>The request id header of a message, or an empty string.</summary>
    public static string RequestId(Confluent.Kafka.Headers? headers) =>
        headers is not null && headers.TryGetLastBytes(RequestIdHeader, out var bytes) ? Encoding.UTF8.GetString(bytes) : "";

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex AccountIdPattern();
}
