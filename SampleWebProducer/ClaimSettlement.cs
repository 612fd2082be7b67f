using Confluent.Kafka;
using Monitoring.Lib.Metrics;

namespace MonitoringStack.SampleWebProducer;

/// <summary>
/// Settles the claim of a form produced under an <c>Idempotency-Key</c> once Kafka has decided, however long that takes:
/// the form's answer goes into the record, or the claim is deleted when Kafka refused the form.
/// </summary>
internal sealed partial class ClaimSettlement(IdempotencyStore store, FormsProducerOptions options, MetricsManager metrics, ILogger logger)
{
    /// <summary>
    /// Waits for Kafka's verdict however long librdkafka takes (up to <c>message.timeout.ms</c>), renewing the claim
    /// meanwhile so that a repeat keeps waiting instead of producing the form again; then stores the answer or, when
    /// Kafka refused the form, deletes the claim so that a repeat produces it. Outlives the request: it never throws.
    /// </summary>
    public async Task SettleAsync(string key, string claim, string hash, string requestId, Task<DeliveryResult<string, string>> produce)
    {
        try
        {
            var delivered = await DeliveredOrNullAsync(key, claim, produce);
            var answered = delivered is null ? null : new IntakeRecord(hash, Status: StatusCodes.Status202Accepted, RequestId: requestId,
                Answer: FormDelivery.AcceptedJson(requestId, delivered));
            var settled = answered is null
                ? await store.ReleaseAsync(key, claim)
                : await store.AnswerAsync(key, claim, answered.ToJson());
            if (!settled)
            {
                LogClaimLost(logger, key, store.Lease.TotalSeconds);
            }
        }
#pragma warning disable CA1031 // Nobody else awaits this task once the request has its answer: every failure is counted and logged here.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            metrics.CountError(ex);
            LogSettleFailed(logger, ex, key);
        }
    }

    private async Task<DeliveryResult<string, string>?> DeliveredOrNullAsync(string key, string claim, Task<DeliveryResult<string, string>> produce)
    {
        var owned = true;
        while (true)
        {
            try
            {
                return await produce.WaitAsync(options.ProduceTimeout);
            }
            catch (TimeoutException)
            {
                // A claim found gone stays gone: renewing it again would only log the same loss every time.
                owned = owned && await RenewAsync(key, claim);
            }
            catch (KafkaException)
            {
                // Kafka gave up on the form (counted by the producer): not written, so a repeat must produce it.
                return null;
            }
        }
    }

    /// <summary>Renews the claim's lease; false once the claim is found gone.</summary>
    private async Task<bool> RenewAsync(string key, string claim)
    {
        try
        {
            if (await store.ExtendAsync(key, claim))
            {
                return true;
            }
            LogClaimLost(logger, key, store.Lease.TotalSeconds);
            return false;
        }
        catch (Exception ex) when (IdempotencyStore.IsStoreFailure(ex))
        {
            // Still waiting for Kafka: the next renewal may reach Redis before the lease runs out.
            metrics.CountError(ex);
            LogExtendFailed(logger, ex, key);
            return true;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not renew the claim on Idempotency-Key {Key} while Kafka still holds its form")]
    private static partial void LogExtendFailed(ILogger logger, Exception exception, string key);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The claim on Idempotency-Key {Key} was gone before its form was settled (its {LeaseSeconds} s lease ran out, or Redis lost it): a repeat may produce the form again")]
    private static partial void LogClaimLost(ILogger logger, string key, double leaseSeconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not settle the form with Idempotency-Key {Key} in Redis: a repeat after its claim's lease may produce it again")]
    private static partial void LogSettleFailed(ILogger logger, Exception exception, string key);
}
