using Confluent.Kafka;

namespace Monitoring.Lib.Kafka;

/// <summary>
/// The messages a <see cref="KafkaStreamWorker{TKey, TValue}"/> handler produces for one input, and the work to run once
/// they are delivered. The worker sends them all and commits the input only after every one is delivered and that work
/// has finished. Reused for each input: do not keep a reference.
/// </summary>
/// <typeparam name="TKey">The message key type.</typeparam>
/// <typeparam name="TValue">The message value type.</typeparam>
public sealed class KafkaStreamOutputs<TKey, TValue>
{
    private readonly List<(string Topic, Message<TKey, TValue> Message)> _items = [];

    internal KafkaStreamOutputs()
    {
    }

    /// <summary>How many outputs have been added for the current input.</summary>
    public int Count => _items.Count;

    internal IReadOnlyList<(string Topic, Message<TKey, TValue> Message)> Items => _items;

    internal Func<CancellationToken, Task>? AfterDelivery { get; private set; }

    /// <summary>Adds <paramref name="message"/> for <paramref name="topic"/>.</summary>
    public void Add(string topic, Message<TKey, TValue> message)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(topic);
        ArgumentNullException.ThrowIfNull(message);
        _items.Add((topic, message));
    }

    /// <summary>Adds a message with <paramref name="key"/> and <paramref name="value"/> for <paramref name="topic"/>.</summary>
    public void Add(string topic, TKey key, TValue value) => Add(topic, new Message<TKey, TValue> { Key = key, Value = value });

    /// <summary>
    /// Sets the work to run once every output of this input is delivered and before its offset is stored, e.g. telling
    /// others about a result only when it really is on its topic. At most one per input; none by default.
    /// </summary>
    /// <remarks>
    /// <para>It runs only if every output was delivered (a failed delivery stops the worker, as without it), and only
    /// after the work of the inputs consumed before it finished: these steps run one at a time, in consume order, while
    /// the next inputs are handled and their outputs delivered. With no outputs it runs as soon as its turn comes.</para>
    /// <para>If it throws, the input fails as if its handler had thrown: counted in <c>messages_errors{exception}</c>,
    /// then given to <c>OnFailureAsync</c> (dead-lettered when a dead-letter topic is set); its outputs stay delivered.
    /// The token is cancelled when the worker stops (or fails): work that gives up on it with an
    /// <see cref="OperationCanceledException"/> leaves the input, and every later one, uncommitted, to be handled again.
    /// A stop waits for the work in flight. Discarded if the handler throws.</para>
    /// </remarks>
    /// <exception cref="InvalidOperationException">Work was already set for this input.</exception>
    public void OnDelivered(Func<CancellationToken, Task> afterDelivery)
    {
        ArgumentNullException.ThrowIfNull(afterDelivery);
        if (AfterDelivery is not null)
        {
            throw new InvalidOperationException("OnDelivered was already called for this input; do all its work in one callback.");
        }
        AfterDelivery = afterDelivery;
    }

    internal void Clear()
    {
        _items.Clear();
        AfterDelivery = null;
    }
}
