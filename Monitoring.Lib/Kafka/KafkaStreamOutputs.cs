using Confluent.Kafka;

namespace Monitoring.Lib.Kafka;

/// <summary>
/// The messages a <see cref="KafkaStreamWorker{TKey, TValue}"/> handler produces for one input. The worker sends them
/// all and commits the input only after every one is delivered. Reused for each input: do not keep a reference.
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

    /// <summary>Adds <paramref name="message"/> for <paramref name="topic"/>.</summary>
    public void Add(string topic, Message<TKey, TValue> message)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(topic);
        ArgumentNullException.ThrowIfNull(message);
        _items.Add((topic, message));
    }

    /// <summary>Adds a message with <paramref name="key"/> and <paramref name="value"/> for <paramref name="topic"/>.</summary>
    public void Add(string topic, TKey key, TValue value) => Add(topic, new Message<TKey, TValue> { Key = key, Value = value });

    internal void Clear() => _items.Clear();
}
