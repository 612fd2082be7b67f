using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Confluent.Kafka;
using Monitoring.Lib.AspNetCore;
using Monitoring.Lib.Metrics;

namespace MonitoringStack.SampleWebProducer;

/// <summary>
/// <c>POST /forms</c> with an <c>Idempotency-Key</c>. The first request with a key claims it and produces the form; a
/// repeat with the same body gets the first answer again (status, body, request id) without producing, for
/// <c>Forms:IdempotencyWindow</c>; a repeat while the first is in flight waits for it up to <c>Forms:ProduceTimeout</c>,
/// then answers 409; another body under the key answers 422. When Redis cannot answer, the form is produced unchecked
/// (at-least-once), counted in <c>forms_idempotency_unchecked</c> and logged: intake never stops for Redis.
/// </summary>
internal sealed partial class IdempotentIntake
{
    /// <summary>The counter of forms with a key produced without the duplicate check because Redis failed.</summary>
    public const string UncheckedMetric = "forms_idempotency_unchecked";

    /// <summary>The counter of repeats answered from the record instead of producing the form again.</summary>
    public const string ReplayedMetric = "forms_idempotent_replays";

    /// <summary>Set to <c>true</c> on an answer given again from the record (the name Stripe's API uses).</summary>
    public const string ReplayedHeader = "Idempotent-Replayed";

    /// <summary>The <c>Retry-After</c> of a 409 while the first request's form is in flight: 1 s.</summary>
    public const int InFlightRetryAfterSeconds = 1;

    // A repeat of a form in flight reads the record this often; repeats are rare, and the wait is bounded.
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);

    private readonly IdempotencyStore _store;
    private readonly FormsProducerOptions _options;
    private readonly MetricsManager _metrics;
    private readonly IProducer<string, string> _producer;
    private readonly ILogger<IdempotentIntake> _logger;
    private readonly CounterSeries _unchecked;
    private readonly CounterSeries _replayed;
    private readonly ClaimSettlement _settlement;

    public IdempotentIntake(IdempotencyStore store, FormsProducerOptions options, MetricsManager metrics,
        IProducer<string, string> producer, ILogger<IdempotentIntake> logger)
    {
        (_store, _options, _metrics, _producer, _logger) = (store, options, metrics, producer, logger);
        _settlement = new ClaimSettlement(store, options, metrics, logger);
        _unchecked = metrics.CreateCounter(UncheckedMetric,
            "Forms with an Idempotency-Key produced without the duplicate check because Redis failed (at-least-once for them).").WithLabels();
        _replayed = metrics.CreateCounter(ReplayedMetric,
            "Repeats of an accepted form (same Idempotency-Key and body) answered with the first answer instead of producing it again.").WithLabels();
    }

    /// <summary>Answers the valid form <paramref name="message"/> (body <paramref name="body"/>) posted with <paramref name="key"/>.</summary>
    public async Task PostAsync(HttpContext context, string key, byte[] body, Message<string, string> message, string requestId)
    {
        var hash = Convert.ToHexString(SHA256.HashData(body));
        var claim = IntakeRecord.Claim(hash).ToJson();
        var start = Stopwatch.GetTimestamp();
        while (true)
        {
            // No connection: Redis would only queue the call until its timeout, so the form goes on unchecked at once.
            if (!_store.IsConnected)
            {
                await ProduceUncheckedAsync(context, key, message, requestId, null);
                return;
            }
            (bool Claimed, IntakeRecord? Existing) found;
            try
            {
                found = await _store.TryClaimAsync(key, claim, context.RequestAborted);
            }
            catch (Exception ex) when (IdempotencyStore.IsStoreFailure(ex))
            {
                await ProduceUncheckedAsync(context, key, message, requestId, ex);
                return;
            }
            if (found.Claimed)
            {
                await ProduceClaimedAsync(context, key, claim, hash, message, requestId);
                return;
            }
            if (found.Existing is { } record && record.Hash != hash)
            {
                await FormsEndpoint.RefuseAsync(context, _metrics, 422, "IdempotencyKeyReused",
                    $"{IdempotencyKey.HeaderName} '{key}' was already used for a different form (another body); send a new key for a new form.", null);
                return;
            }
            if (found.Existing is { IsAnswered: true } answered)
            {
                await ReplayAsync(context, answered);
                return;
            }
            if (Stopwatch.GetElapsedTime(start) >= _options.ProduceTimeout)
            {
                context.Response.Headers.RetryAfter = InFlightRetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
                await FormsEndpoint.RefuseAsync(context, _metrics, 409, "IdempotencyKeyInFlight",
                    $"The form first posted with {IdempotencyKey.HeaderName} '{key}' is still in flight: Kafka has not acknowledged it yet. "
                    + $"Retry after {InFlightRetryAfterSeconds} s with the same key; it will not be produced twice.", null);
                return;
            }
            // Still in flight: wait for its answer. A record deleted meanwhile (Kafka refused it) is claimed at once.
            if (found.Existing is not null)
            {
                await Task.Delay(PollInterval, context.RequestAborted);
            }
        }
    }

    private async Task ReplayAsync(HttpContext context, IntakeRecord answered)
    {
        _replayed.Increment();
        // The first answer's request id, not this repeat's: the client sees one id for one form (the samples keep the
        // library's default header name). This request's own points still carry its own id.
        context.Response.Headers[RequestMonitoringOptions.DefaultRequestIdHeader] = answered.RequestId;
        context.Response.Headers[ReplayedHeader] = "true";
        await FormDelivery.AnswerAsync(context, answered.Status!.Value, answered.Answer!);
    }

    private async Task ProduceUncheckedAsync(HttpContext context, string key, Message<string, string> message, string requestId, Exception? failure)
    {
        _unchecked.Increment();
        LogUnchecked(_logger, failure, key);
        await FormDelivery.ProduceAndAnswerAsync(context, _metrics, _producer, _options, message, requestId);
    }

    private async Task ProduceClaimedAsync(HttpContext context, string key, string claim, string hash, Message<string, string> message, string requestId)
    {
        // Not cancelled with the request: its outcome settles the record even after the client got its 503 or left.
        var produce = _producer.ProduceAsync(_options.Topic, message);
        var settled = _settlement.SettleAsync(key, claim, hash, requestId, produce);
        var delivered = await FormDelivery.AwaitDeliveryAsync(context, _metrics, _options, produce, keyed: true);
        if (delivered is not null)
        {
            // The record holds the answer before the client sees it: a repeat sent after this answer replays it.
            await settled;
            await FormDelivery.AnswerAsync(context, StatusCodes.Status202Accepted, FormDelivery.AcceptedJson(requestId, delivered));
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Form with Idempotency-Key {Key} produced without the duplicate check, because Redis failed: a repeat may produce it again (counted in forms_idempotency_unchecked)")]
    private static partial void LogUnchecked(ILogger logger, Exception? exception, string key);
}
