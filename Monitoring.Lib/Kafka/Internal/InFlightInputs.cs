using Confluent.Kafka;

namespace Monitoring.Lib.Kafka.Internal;

/// <summary>
/// Inputs whose outputs are still being delivered, in the order they were consumed. An input's offset is stored only
/// when it and every input consumed before it are delivered, so the stored offsets never skip an undelivered input:
/// at-least-once holds while many deliveries are in flight at once.
/// </summary>
internal sealed class InFlightInputs<TKey, TValue>(IConsumer<TKey, TValue> consumer, int capacity)
{
    private readonly Queue<(ConsumeResult<TKey, TValue> Input, Task Delivered)> _queue = new();

    public int Count => _queue.Count;

    /// <summary>Adds an input whose outputs complete <paramref name="delivered"/>; waits first while the window is full.</summary>
    public async Task AddAsync(ConsumeResult<TKey, TValue> input, Task delivered)
    {
        _queue.Enqueue((input, delivered));
        StoreDelivered();
        while (_queue.Count >= capacity)
        {
            await _queue.Peek().Delivered.ConfigureAwait(false);
            StoreDelivered();
        }
    }

    /// <summary>
    /// Stores the offsets of the delivered inputs at the head of the queue. A failed delivery at the head is thrown:
    /// neither it nor anything after it is stored.
    /// </summary>
    public void StoreDelivered()
    {
        while (_queue.TryPeek(out var head) && head.Delivered.IsCompleted)
        {
            // Rethrows the delivery's own exception (ProduceException), not an AggregateException.
            head.Delivered.GetAwaiter().GetResult();
            consumer.StoreOffset(head.Input);
            _queue.Dequeue();
        }
    }

    /// <summary>Waits for every delivery in flight and stores their offsets (a failure is thrown, as above).</summary>
    public async Task DrainAsync()
    {
        while (_queue.TryPeek(out var head))
        {
            await head.Delivered.ConfigureAwait(false);
            StoreDelivered();
        }
    }
}
