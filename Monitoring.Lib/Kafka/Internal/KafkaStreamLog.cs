using Microsoft.Extensions.Logging;

namespace Monitoring.Lib.Kafka.Internal;

/// <summary>The stream worker's log messages.</summary>
internal static partial class KafkaStreamLog
{
    [LoggerMessage(1, LogLevel.Information, "Stream worker {Worker} consuming {Topics} as group {GroupId}")]
    public static partial void Started(ILogger logger, string worker, string topics, string? groupId);

    [LoggerMessage(2, LogLevel.Warning, "Handler failed on {Topic} [{Partition}] @{Offset}; sent to dead-letter topic {DeadLetterTopic} and skipped")]
    public static partial void DeadLettered(ILogger logger, Exception exception, string topic, int partition, long offset, string deadLetterTopic);

    [LoggerMessage(3, LogLevel.Error, "Handler failed on {Topic} [{Partition}] @{Offset}; no dead-letter topic is set, so the message is skipped")]
    public static partial void Skipped(ILogger logger, Exception exception, string topic, int partition, long offset);

    [LoggerMessage(4, LogLevel.Critical, "Stream worker {Worker} stops: outputs of {Topic} [{Partition}] @{Offset} were not delivered; the input stays uncommitted")]
    public static partial void DeliveryFailed(ILogger logger, Exception exception, string worker, string topic, int partition, long offset);

    [LoggerMessage(5, LogLevel.Information, "Stream worker {Worker} stopped: offsets committed, producer flushed ({Unflushed} still queued), consumer closed")]
    public static partial void Stopped(ILogger logger, string worker, int unflushed);

    [LoggerMessage(6, LogLevel.Error, "Stream worker {Worker} could not commit its offsets while stopping; the uncommitted inputs will be handled again")]
    public static partial void CommitFailed(ILogger logger, Exception exception, string worker);

    [LoggerMessage(7, LogLevel.Warning, "Stream worker {Worker} goes on consuming after a consume error: {Reason}")]
    public static partial void ConsumeErrorSkipped(ILogger logger, string worker, string reason);

    [LoggerMessage(8, LogLevel.Information,
        "Stream worker {Worker} gave up partitions {Partitions} ({Reason}); {Dropped} inputs in flight there stay uncommitted and are handled again by their next owner")]
    public static partial void PartitionsReleased(ILogger logger, string worker, string partitions, string reason, int dropped);

    [LoggerMessage(9, LogLevel.Error,
        "Stream worker {Worker} stopped without its consumer's close, which did not end within {Seconds} s; the group's session timeout frees its partitions")]
    public static partial void CloseTimedOut(ILogger logger, string worker, double seconds);

    [LoggerMessage(10, LogLevel.Debug, "Stream worker {Worker} committed a transaction of {Inputs} inputs ({Reason})")]
    public static partial void TransactionCommitted(ILogger logger, string worker, int inputs, string reason);

    [LoggerMessage(11, LogLevel.Warning,
        "Stream worker {Worker} aborted a transaction of {Inputs} inputs because {Reason}; they are read and handled again")]
    public static partial void TransactionAborted(ILogger logger, string worker, int inputs, string reason);

    [LoggerMessage(12, LogLevel.Warning, "Stream worker {Worker} replaces its transactional producer: {Reason}")]
    public static partial void ProducerReplaced(ILogger logger, string worker, string reason);

    [LoggerMessage(13, LogLevel.Warning, "Stream worker {Worker} retries registering its transactional id: {Reason}")]
    public static partial void InitTransactionsRetried(ILogger logger, string worker, string reason);

    [LoggerMessage(14, LogLevel.Warning,
        "Stream worker {Worker} could not store its committed transactions' offsets as a plain commit ({Reason}); tried again before the next commit")]
    public static partial void OffsetsNotRecommitted(ILogger logger, string worker, string reason);

    [LoggerMessage(15, LogLevel.Warning, "Stream worker {Worker} calls a transactional operation again (attempt {Attempt} failed: {Reason})")]
    public static partial void TransactionCallRetried(ILogger logger, string worker, int attempt, string reason);

    [LoggerMessage(16, LogLevel.Warning,
        "Stream worker {Worker} gave up {Partitions} before its committed transactions' offsets there were stored; if it reads those inputs again it skips them")]
    public static partial void HandledInputsSetAside(ILogger logger, string worker, string partitions);

    [LoggerMessage(17, LogLevel.Warning,
        "Stream worker {Worker}: outputs of {Topic} [{Partition}] @{Offset} were not delivered; its transaction is aborted and the input read again")]
    public static partial void TransactionDeliveryFailed(ILogger logger, Exception exception, string worker, string topic, int partition, long offset);

    [LoggerMessage(18, LogLevel.Information,
        "Stream worker {Worker}: the stuck call of a producer it replaced returned, and that producer was destroyed (or could not be: see the exception)")]
    public static partial void AbandonedProducerDestroyed(ILogger logger, Exception? exception, string worker);
}
