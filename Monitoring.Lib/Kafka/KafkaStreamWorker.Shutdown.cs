using System.Diagnostics;
using Confluent.Kafka;
using Monitoring.Lib.Kafka.Internal;

namespace Monitoring.Lib.Kafka;

public abstract partial class KafkaStreamWorker<TKey, TValue>
{
    /// <summary>How long the worker polls for its partitions to be revoked after it unsubscribes: 5 s.</summary>
    private static readonly TimeSpan LeaveTimeout = TimeSpan.FromSeconds(5);

    /// <summary>How long the consumer's close may take before the worker logs it and stops without it: 10 s.</summary>
    private static readonly TimeSpan CloseTimeout = TimeSpan.FromSeconds(10);

    private void Shutdown(string name)
    {
        if (_transaction is { IsOpen: true })
        {
            // Only after a failure: a stop commits the open transaction before this.
            AbortTransaction("the worker stops after a failure");
        }
        try
        {
            _consumer.Commit();
        }
        catch (KafkaException ex) when (ex.Error.Code == ErrorCode.Local_NoOffset)
        {
            // Nothing was stored since the last auto-commit.
        }
        catch (KafkaException ex)
        {
            Metrics.CountError(ex.Error.Code.ToString());
            KafkaStreamLog.CommitFailed(Logger, ex, name);
        }
        var unflushed = _producer.Flush(TimeSpan.FromSeconds(10));
        GiveUpPartitions();
        CloseConsumer(name);
        KafkaStreamLog.Stopped(Logger, name, unflushed);
    }

    /// <summary>
    /// Revokes the assignment through the poll loop before the close. librdkafka can hang for good when the close itself
    /// revokes partitions and the rebalance callback asks for the rebalance protocol (confluentinc/librdkafka#4041; seen
    /// here when a member stopped right after another had joined its group): unsubscribed and polled, the revoke runs
    /// where that callback works, and the close finds nothing to revoke. A message polled meanwhile is neither handled
    /// nor stored: whoever owns its partition next handles it.
    /// </summary>
    private void GiveUpPartitions()
    {
        try
        {
            _consumer.Unsubscribe();
            var started = Stopwatch.GetTimestamp();
            while (_consumer.Assignment.Count > 0 && Stopwatch.GetElapsedTime(started) < LeaveTimeout)
            {
                _consumer.Consume(_pollTimeout);
            }
        }
        catch (KafkaException)
        {
            // The close below leaves the group anyway; a consume error while leaving changes nothing.
        }
    }

    /// <summary>Closes the consumer (leaves the group, commits what is stored), waiting at most <see cref="CloseTimeout"/>.</summary>
    private void CloseConsumer(string name)
    {
        var closing = Task.Run(_consumer.Dispose);
        if (!closing.Wait(CloseTimeout))
        {
            // Stopping the host matters more than the close: the group's session timeout frees the partitions anyway.
            KafkaStreamLog.CloseTimedOut(Logger, name, CloseTimeout.TotalSeconds);
            return;
        }
        closing.GetAwaiter().GetResult();
    }
}
