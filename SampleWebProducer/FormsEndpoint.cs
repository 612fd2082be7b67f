using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Confluent.Kafka;
using Monitoring.Lib.AspNetCore;
using Monitoring.Lib.Kafka;
using Monitoring.Lib.Metrics;
using Monitoring.Samples.Contracts;

namespace Monitoring.Samples.WebProducer;

/// <summary>
/// <c>POST /forms</c>: 401 without the API key, 413 for a body over <c>Forms:MaxBodyBytes</c>, 400 for malformed JSON,
/// 422 naming the bad field; otherwise the form is produced to <c>forms</c> keyed by its email, with the request id in
/// header <c>request_id</c>, and the answer is 202 with where it went. Every refusal counts <c>messages_errors</c>.
/// </summary>
internal static class FormsEndpoint
{
    public const string RequestIdHeader = "request_id";

    public static async Task PostAsync(HttpContext context)
    {
        var services = context.RequestServices;
        var options = services.GetRequiredService<FormsProducerOptions>();
        var metrics = services.GetRequiredService<MetricsManager>();
        if (!HasApiKey(context.Request, options.ApiKey))
        {
            await RefuseAsync(context, metrics, 401, "Unauthorized", $"Send the API key in header {FormsProducerOptions.ApiKeyHeader}.", null);
            return;
        }
        var body = await BoundedBody.ReadAsync(context.Request, options.MaxBodyBytes, context.RequestAborted);
        if (body is null)
        {
            await RefuseAsync(context, metrics, 413, "BodyTooLarge", $"The body is larger than {options.MaxBodyBytes} bytes.", null);
            return;
        }
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
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
            var producer = services.GetRequiredService<MonitoredProducer<string, string>>();
            var message = new Message<string, string>
            {
                Key = email,
                Value = Encoding.UTF8.GetString(body),
                Headers = [new Header(RequestIdHeader, Encoding.UTF8.GetBytes(requestId))],
            };
            var delivered = await producer.ProduceAsync(options.Topic, message, context.RequestAborted);
            await Results.Json(new FormAccepted(requestId, delivered.Topic, delivered.Partition.Value, delivered.Offset.Value), statusCode: 202)
                .ExecuteAsync(context);
        }
    }

    private static bool HasApiKey(HttpRequest request, string apiKey)
    {
        var sent = request.Headers[FormsProducerOptions.ApiKeyHeader].ToString();
        // Fixed time: the comparison must not tell an attacker how many leading characters were right.
        return sent.Length > 0 && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(sent), Encoding.UTF8.GetBytes(apiKey));
    }

    private static async Task RefuseAsync(HttpContext context, MetricsManager metrics, int status, string errorCode, string detail, string? field)
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
