using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using Confluent.Kafka;
using Monitoring.Lib.AspNetCore;
using Monitoring.Lib.Metrics;
using MonitoringStack.SampleContracts;

namespace MonitoringStack.SampleWebProducer;

/// <summary>
/// <c>POST /forms</c>, for callers with the API key (401 otherwise, from <see cref="ApiKeyAuthenticationHandler"/>): 415 unless the body is JSON (<c>application/json</c> or <c>…+json</c>),
/// 413 for a body over <c>Forms:MaxBodyBytes</c>, 400 for malformed JSON (invalid UTF-8, a duplicate key, nesting
/// deeper than 16 included), 422 naming the bad field; otherwise the form is produced to <c>forms</c> keyed by its email, with the request id in
/// header <c>request_id</c>, and the answer is 202 with where it went, or 503 with <c>Retry-After</c> when Kafka does
/// not acknowledge it within <c>Forms:ProduceTimeout</c>. Every refusal counts <c>messages_errors</c>.
/// </summary>
internal static class FormsEndpoint
{
    // A form is a flat object: a duplicate key would make "which value counts" depend on the reader.
    private static readonly JsonDocumentOptions ParseOptions = new() { AllowDuplicateProperties = false, MaxDepth = 16 };

    /// <summary>The <c>Retry-After</c> of a 503 when Kafka does not take a form in time: 5 s.</summary>
    public const int RetryAfterSeconds = 5;

    public static async Task PostAsync(HttpContext context, FormsProducerOptions options, MetricsManager metrics, IProducer<string, string> producer)
    {
        if (!IsJson(context.Request.ContentType))
        {
            await RefuseAsync(context, metrics, 415, "UnsupportedMediaType",
                $"Send the form as application/json; got {(string.IsNullOrEmpty(context.Request.ContentType) ? "no Content-Type" : context.Request.ContentType)}.", null);
            return;
        }
        var body = await BoundedBody.ReadAsync(context.Request, options.MaxBodyBytes, context.RequestAborted);
        if (body is null)
        {
            await RefuseAsync(context, metrics, 413, "BodyTooLarge", $"The body is larger than {options.MaxBodyBytes} bytes.", null);
            return;
        }
        if (!Utf8.IsValid(body))
        {
            // Checked before parsing: JsonDocument accepts invalid UTF-8 inside strings and fails only when one is read.
            await RefuseAsync(context, metrics, 400, "InvalidJson", "The body is not valid UTF-8.", null);
            return;
        }
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, ParseOptions);
        }
        catch (JsonException ex)
        {
            await RefuseAsync(context, metrics, 400, "InvalidJson", $"The body is not JSON: {ex.Message}", null);
            return;
        }
        using (document)
        {
            if (FormContract.Validate(document.RootElement, out var email, out _) is { } invalid)
            {
                await RefuseAsync(context, metrics, 422, "InvalidField", invalid.Reason, invalid.Field);
                return;
            }
            var requestId = context.Features.Get<IRequestMonitoringFeature>()?.RequestId ?? context.TraceIdentifier;
            var message = new Message<string, string>
            {
                Key = email,
                Value = Encoding.UTF8.GetString(body),
                Headers = [new Header(FormContract.RequestIdHeader, Encoding.UTF8.GetBytes(requestId))],
            };
            var delivered = await ProduceAsync(context, metrics, producer, options, message);
            if (delivered is not null)
            {
                await Results.Json(new FormAccepted(requestId, delivered.Topic, delivered.Partition.Value, delivered.Offset.Value), statusCode: 202)
                    .ExecuteAsync(context);
            }
        }
    }

    // Waits at most ProduceTimeout for Kafka's acknowledgement; past it (or when Kafka refuses the form) the client gets
    // 503 with Retry-After and null comes back. Not a promise that the form is lost: librdkafka keeps trying to deliver
    // it until message.timeout.ms, so a retry may produce it twice (the consumer side is at-least-once anyway).
    private static async Task<DeliveryResult<string, string>?> ProduceAsync(HttpContext context, MetricsManager metrics,
        IProducer<string, string> producer, FormsProducerOptions options, Message<string, string> message)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        deadline.CancelAfter(options.ProduceTimeout);
        string reason;
        try
        {
            return await producer.ProduceAsync(options.Topic, message, deadline.Token);
        }
        catch (OperationCanceledException) when (!context.RequestAborted.IsCancellationRequested)
        {
            reason = $"Kafka did not acknowledge the form within {options.ProduceTimeout.TotalSeconds:0.###} s.";
        }
        catch (ProduceException<string, string> ex)
        {
            // Counted as messages_errors{exception=<code>} by the producer already; the refusal below counts the answer.
            reason = $"Kafka refused the form: {ex.Error.Reason}.";
        }
        context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await RefuseAsync(context, metrics, 503, "KafkaUnavailable",
            $"{reason} Retry after {RetryAfterSeconds} s; the form may still arrive, so a retry can deliver it twice.", null);
        return null;
    }

    private static bool IsJson(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var parsed) && parsed.MediaType is { } mediaType
        && (mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase));

    /// <summary>Answers a problem-details refusal, counted in <c>messages_errors{exception=errorCode}</c> and as the request's error code.</summary>
    internal static async Task RefuseAsync(HttpContext context, MetricsManager metrics, int status, string errorCode, string detail, string? field)
    {
        metrics.CountError(errorCode);
        if (context.Features.Get<IRequestMonitoringFeature>() is { } monitoring)
        {
            monitoring.ErrorCode = errorCode;
        }
        var extensions = field is null ? null : new Dictionary<string, object?> { ["field"] = field };
        await Results.Problem(detail: detail, statusCode: status, title: errorCode, extensions: extensions).ExecuteAsync(context);
    }
}
