using System.Diagnostics;
using Confluent.Kafka;
using Monitoring.Lib.Kafka;
using Monitoring.Lib.Metrics;
using MonitoringStack.SampleContracts;
using StackExchange.Redis;

namespace MonitoringStack.SampleConsumer;

/// <summary>
/// Consumes <c>forms</c>, produces each form unchanged (key, value, headers) to <c>outgoing</c> and, once it is
/// delivered there, publishes an event on Redis <c>events:{account_id}</c> (and appends it to that account's
/// <see cref="AccountEventLog"/>); the form is committed after the event. So
/// a WebSocket client never hears of a form that did not reach <c>outgoing</c>. A form it cannot process
/// (<see cref="FormRejectedException"/>, or any other handler failure) is counted in <c>messages_errors{exception}</c>
/// by the base class and sent to <c>forms.dlq</c> with the reason in header <c>error</c>. Redis being down is not the
/// form's fault: the publish is retried until it succeeds or the app stops (then the input stays uncommitted and is
/// handled again after a restart, its form forwarded a second time).
/// </summary>
public sealed partial class FormsWorker(
    KafkaSettings settings, MetricsManager metrics, ILogger<FormsWorker> logger, FormsConsumerOptions options, IConnectionMultiplexer redis)
    : KafkaStreamWorker<string, string>(settings, metrics, logger)
{
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(2);

    /// <inheritdoc />
    protected override IReadOnlyList<string> InputTopics { get; } = [options.InputTopic];

    /// <inheritdoc />
    protected override string? DeadLetterTopic => options.DeadLetterTopic;

    /// <inheritdoc />
    protected override Task HandleAsync(ConsumeResult<string, string> message, KafkaStreamOutputs<string, string> outputs, CancellationToken stoppingToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(outputs);
        var accountId = FormReader.ReadAccountId(message.Message.Value);
        var requestId = FormReader.RequestId(message.Message.Headers);
        var producedAt = message.Message.Timestamp.UnixTimestampMs > 0
            ? DateTimeOffset.FromUnixTimeMilliseconds(message.Message.Timestamp.UnixTimestampMs)
            : DateTimeOffset.UtcNow;
        outputs.Add(options.OutputTopic, new Message<string, string>
        {
            Key = message.Message.Key,
            Value = message.Message.Value,
            Headers = message.Message.Headers,
        });
        // The process span of this input (KafkaStreamWorker makes it current): the event carries the form's trace on.
        var payload = FormEventJson.Write(requestId, accountId, producedAt, message.Message.Value, Activity.Current?.Id);
        var channel = options.EventChannelPrefix + accountId;
        outputs.OnDelivered(ct => PublishAsync(channel, payload, ct));
        return Task.CompletedTask;
    }

    private async Task PublishAsync(string channel, byte[] payload, CancellationToken stoppingToken)
    {
        var delay = TimeSpan.FromMilliseconds(100);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                // Not cancelled by the stop (the client's own timeouts bound it): a stop lets the events of the forms
                // already forwarded go out, and only the wait before a retry gives up.
                // Sent together (one round trip): the log entry a reconnecting web producer reads back, its expiry,
                // and the live event.
                var log = new RedisKey(channel + AccountEventLog.KeySuffix);
                var database = redis.GetDatabase();
                await Task.WhenAll(
                    database.StreamAddAsync(log, AccountEventLog.Field, payload, maxLength: AccountEventLog.MaxLength, useApproximateMaxLength: true),
                    database.KeyExpireAsync(log, AccountEventLog.TimeToLive),
                    redis.GetSubscriber().PublishAsync(RedisChannel.Literal(channel), payload));
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Counted so the dashboard shows the outage; the form itself is fine and is not dead-lettered.
                Metrics.CountError(ex);
                LogPublishRetry(Logger, ex, channel, attempt, delay.TotalMilliseconds);
                await Task.Delay(delay, stoppingToken);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxRetryDelay.Ticks));
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Publishing to Redis channel {Channel} failed (attempt {Attempt}); retrying in {DelayMs} ms")]
    private static partial void LogPublishRetry(ILogger logger, Exception exception, string channel, int attempt, double delayMs);
}
