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
/// not acknowledge it within <c>Forms:ProduceTimeout</c> (<see cref="FormDelivery"/>). With an <c>Idempotency-Key</c>
/// header (400 when it cannot be one) a repeat is answered by <see cref="IdempotentIntake"/> instead of producing the
/// form twice. Every refusal counts <c>messages_errors</c>.
/// </summary>
internal static class FormsEndpoint
{
    // A form is a flat object: a duplicate key would make "which value counts" depend on the reader.
    private static readonly JsonDocumentOptions ParseOptions = new() { AllowDuplicateProperties = false, MaxDepth = 16 };

    public static async Task PostAsync(HttpContext context, FormsProducerOptions options, MetricsManager metrics, IProducer<string, string> producer,
        IdempotentIntake idempotentIntake)
    {
        if (!IsJson(context.Request.ContentType))
        {
            await RefuseAsync(context, metrics, 415, "UnsupportedMediaType",
                $"Send the form as application/json; got {(string.IsNullOrEmpty(context.Request.ContentType) ? "no Content-Type" : context.Request.ContentType)}.", null);
            return;
        }
        if (!IdempotencyKey.TryRead(context.Request.Headers, out var idempotencyKey, out var keyProblem))
        {
            await RefuseAsync(context, metrics, 400, "InvalidIdempotencyKey", keyProblem!, null);
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
            if (idempotencyKey is null)
            {
                await FormDelivery.ProduceAndAnswerAsync(context, metrics, producer, options, message, requestId);
            }
            else
            {
                await idempotentIntake.PostAsync(context, idempotencyKey, body, message, requestId);
            }
        }
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
