using System.Globalization;
using System.Text;
using System.Text.Json;
using Confluent.Kafka;
using Monitoring.Lib.Metrics;

namespace MonitoringStack.SampleWebProducer;

/// <summary>Produces an accepted form to Kafka and answers where it went, or why it could not go (503).</summary>
internal static class FormDelivery
{
    /// <summary>The <c>Retry-After</c> of a 503 when Kafka does not take a form in time: 5 s.</summary>
    public const int RetryAfterSeconds = 5;

    /// <summary>Produces the form and answers 202 with where it went, or 503 (<see cref="AwaitDeliveryAsync"/>).</summary>
    internal static async Task ProduceAndAnswerAsync(HttpContext context, MetricsManager metrics, IProducer<string, string> producer,
        FormsProducerOptions options, Message<string, string> message, string requestId)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        deadline.CancelAfter(options.ProduceTimeout);
        var delivered = await AwaitDeliveryAsync(context, metrics, options, producer.ProduceAsync(options.Topic, message, deadline.Token), keyed: false);
        if (delivered is not null)
        {
            await AnswerAsync(context, StatusCodes.Status202Accepted, AcceptedJson(requestId, delivered));
        }
    }

    /// <summary>
    /// Waits at most ProduceTimeout for Kafka's acknowledgement; past it (or when Kafka refuses the form) the client gets
    /// 503 with Retry-After and null comes back. Not a promise that the form is lost: librdkafka keeps trying to deliver
    /// it until message.timeout.ms, so without an Idempotency-Key (<paramref name="keyed"/>) a retry may produce it twice.
    /// </summary>
    internal static async Task<DeliveryResult<string, string>?> AwaitDeliveryAsync(HttpContext context, MetricsManager metrics,
        FormsProducerOptions options, Task<DeliveryResult<string, string>> produce, bool keyed)
    {
        string reason;
        try
        {
            return await produce.WaitAsync(options.ProduceTimeout, context.RequestAborted);
        }
        catch (Exception ex) when (ex is TimeoutException || (ex is OperationCanceledException && !context.RequestAborted.IsCancellationRequested))
        {
            reason = $"Kafka did not acknowledge the form within {options.ProduceTimeout.TotalSeconds:0.###} s.";
        }
        catch (ProduceException<string, string> ex)
        {
            // Counted as messages_errors{exception=<code>} by the producer already; the refusal below counts the answer.
            reason = $"Kafka refused the form: {ex.Error.Reason}.";
        }
        context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        var retry = keyed
            ? $"Retry after {RetryAfterSeconds} s with the same {IdempotencyKey.HeaderName}: the form is not produced twice."
            : $"Retry after {RetryAfterSeconds} s; the form may still arrive, so a retry can deliver it twice (send an {IdempotencyKey.HeaderName} to prevent that).";
        await FormsEndpoint.RefuseAsync(context, metrics, 503, "KafkaUnavailable", $"{reason} {retry}", null);
        return null;
    }

    /// <summary>The 202 answer's body: the request id and where the form was written.</summary>
    internal static string AcceptedJson(string requestId, DeliveryResult<string, string> delivered) =>
        JsonSerializer.Serialize(new FormAccepted(requestId, delivered.Topic, delivered.Partition.Value, delivered.Offset.Value));

    /// <summary>Answers a JSON body as it is: a replayed answer is the first one byte for byte.</summary>
    internal static Task AnswerAsync(HttpContext context, int status, string json) =>
        Results.Text(json, "application/json", Encoding.UTF8, status).ExecuteAsync(context);
}
