using Confluent.Kafka;
using Microsoft.Extensions.Logging;

namespace Monitoring.Lib.Kafka.Internal;

/// <summary>
/// Inputs whose outputs are still being delivered (or whose after-delivery work still runs), in the order they were
/// consumed. <c>store</c> takes a done input's offset: the consumer's offset store (at-least-once) or the open
/// transaction (exactly-once). An input's offset is stored only when it and every input consumed before it are done, so the stored
/// offsets never skip an unfinished input: at-least-once holds while many deliveries are in flight at once.
/// </summary>
/// <remarks>
/// Each input comes with a task that completes true when its offset may be stored, false when its after-delivery work
/// gave up on the stop (it and every later input then stay unstored), or faults when its outputs were not delivered.
/// Inputs of partitions the consumer no longer owns (revoked or lost in a rebalance) are dropped unstored: the
/// partition's new owner handles them again from the last commit. <c>inTransactions</c>: a failed delivery aborts the
/// open transaction (the worker goes on) rather than stopping the worker, and is logged as such.
/// </remarks>
internal sealed class InFlightInputs<TKey, TValue>(Action<ConsumeResult<TKey, TValue>> store, int capacity, ILogger logger, string worker,
    bool inTransactions = false)
{
    /// <summary>The task of an input that is done as soon as its turn comes (no delivery to wait for).</summary>
    public static readonly Task<bool> Done = Task.FromResult(true);

    private Queue<(ConsumeResult<TKey, TValue> Input, Task<bool> Done)> _queue = new();
    private bool _abandoned;

    public int Count => _queue.Count;

    /// <summary>Adds an input that may be stored once <paramref name="done"/> is true; waits first while the window is full.</summary>
    public async Task AddAsync(ConsumeResult<TKey, TValue> input, Task<bool> done)
    {
        _queue.Enqueue((input, done));
        StoreDone();
        // Once abandoned (only on a stop) nothing more is stored, so waiting for room would never end.
        while (_queue.Count >= capacity && !_abandoned)
        {
            await _queue.Peek().Done.ConfigureAwait(false);
            StoreDone();
        }
    }

    /// <summary>
    /// Stores the offsets of the done inputs at the head of the queue. A failed delivery at the head is thrown: neither
    /// it nor anything after it is stored; an abandoned input at the head stops storing for good. A partition the
    /// consumer turns out not to own any more has its inputs dropped.
    /// </summary>
    public void StoreDone()
    {
        while (!_abandoned && _queue.TryPeek(out var head) && head.Done.IsCompleted)
        {
            if (!IsStorable(head))
            {
                _abandoned = true;
                return;
            }
            try
            {
                store(head.Input);
                _queue.Dequeue();
            }
            catch (KafkaException ex) when (ex.Error.Code == ErrorCode.Local_State)
            {
                // librdkafka refuses offsets of unassigned partitions: taken away without a rebalance callback first.
                Release([head.Input.TopicPartition], "no longer assigned");
            }
        }
    }

    /// <summary>
    /// Drops, unstored, the inputs of <paramref name="partitions"/>, which another member now owns (or nobody, until the
    /// group settles): they are handled again from the last commit. Their deliveries and after-delivery work go on.
    /// </summary>
    public void Release(IReadOnlyCollection<TopicPartition> partitions, string reason)
    {
        var released = new HashSet<TopicPartition>(partitions);
        var kept = new Queue<(ConsumeResult<TKey, TValue> Input, Task<bool> Done)>(_queue.Count);
        var dropped = 0;
        foreach (var entry in _queue)
        {
            if (released.Contains(entry.Input.TopicPartition))
            {
                dropped++;
            }
            else
            {
                kept.Enqueue(entry);
            }
        }
        _queue = kept;
        KafkaStreamLog.PartitionsReleased(logger, worker, string.Join(",", partitions), reason, dropped);
    }

    /// <summary>Waits for everything in flight, then stores what is done (a failure is thrown, as above).</summary>
    public async Task DrainAsync()
    {
        await WaitAllAsync().ConfigureAwait(false);
        StoreDone();
    }

    /// <summary>Waits until every input's delivery and after-delivery work has ended, whatever the outcome.</summary>
    public async Task WaitAllAsync()
    {
        foreach (var (_, done) in _queue)
        {
            await ((Task)done).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    // True when the head's work is done, false when it was abandoned; a failed delivery is logged and thrown (the
    // delivery's own exception, ProduceException, not an AggregateException).
    private bool IsStorable((ConsumeResult<TKey, TValue> Input, Task<bool> Done) head)
    {
        if (head.Done.IsFaulted && head.Done.Exception.GetBaseException() is KafkaException failure)
        {
            var (topic, partition, offset) = (head.Input.Topic, head.Input.Partition.Value, head.Input.Offset.Value);
            if (inTransactions)
            {
                KafkaStreamLog.TransactionDeliveryFailed(logger, failure, worker, topic, partition, offset);
            }
            else
            {
                KafkaStreamLog.DeliveryFailed(logger, failure, worker, topic, partition, offset);
            }
        }
        return head.Done.GetAwaiter().GetResult();
    }
}
