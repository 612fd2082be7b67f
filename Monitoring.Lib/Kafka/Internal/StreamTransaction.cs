using System.Diagnostics;
using Confluent.Kafka;
using Monitoring.Lib.Metrics;

namespace Monitoring.Lib.Kafka.Internal;

/// <summary>
/// What the open transaction of an exactly-once stream worker holds: per input partition, where it started (where the
/// worker reads again if it aborts) and the offset to commit (the last finished input + 1), and the messages to count
/// once it commits. Used on the worker's loop only.
/// </summary>
internal sealed class StreamTransaction(TimeSpan interval)
{
    private readonly Dictionary<TopicPartition, Offset> _startedAt = [];
    private readonly Dictionary<TopicPartition, Offset> _next = [];
    private readonly Dictionary<string, int> _consumed = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _produced = new(StringComparer.Ordinal);
    private long _openedAt;

    /// <summary>Whether a transaction is open: begun for an input and neither committed nor aborted since.</summary>
    public bool IsOpen { get; private set; }

    /// <summary>Inputs taken into the open transaction.</summary>
    public int Inputs { get; private set; }

    /// <summary>Whether the open transaction has collected inputs for the interval and should be committed.</summary>
    public bool IsDue => IsOpen && Stopwatch.GetElapsedTime(_openedAt) >= interval;

    /// <summary>
    /// How long a poll may wait so that the open transaction commits on time: the time left of its interval (zero once
    /// due), at most <paramref name="longest"/>, which is also the answer when none is open.
    /// </summary>
    public TimeSpan DueIn(TimeSpan longest) =>
        IsOpen ? TimeSpan.FromTicks(Math.Clamp((interval - Stopwatch.GetElapsedTime(_openedAt)).Ticks, 0, longest.Ticks)) : longest;

    /// <summary>The partitions the open transaction read from.</summary>
    public IEnumerable<TopicPartition> Partitions => _startedAt.Keys;

    /// <summary>Takes the input at <paramref name="offset"/> of <paramref name="partition"/> into the transaction; true when it opened the transaction (begin it).</summary>
    public bool Take(TopicPartition partition, Offset offset)
    {
        var opened = !IsOpen;
        if (opened)
        {
            IsOpen = true;
            _openedAt = Stopwatch.GetTimestamp();
        }
        _startedAt.TryAdd(partition, offset);
        Inputs++;
        return opened;
    }

    /// <summary>Notes that an input is done (outputs delivered, after-delivery work finished): its offset goes into the commit.</summary>
    public void Finish<TKey, TValue>(ConsumeResult<TKey, TValue> input)
    {
        _next[input.TopicPartition] = input.Offset + 1;
        _consumed[input.Topic] = _consumed.GetValueOrDefault(input.Topic) + 1;
    }

    /// <summary>Notes an input a committed transaction already handled: its offset goes into the commit, it is not counted again.</summary>
    public void Skip(TopicPartition partition, Offset offset) => _next[partition] = offset + 1;

    /// <summary>
    /// Notes an output sent in the transaction, counted in <c>messages_produced</c> if it commits. Thread-safe: a dead
    /// letter may be sent from an input's after-delivery work.
    /// </summary>
    public void Produced(string topic)
    {
        lock (_produced)
        {
            _produced[topic] = _produced.GetValueOrDefault(topic) + 1;
        }
    }

    /// <summary>The offsets the transaction commits, one per partition with a finished input.</summary>
    public List<TopicPartitionOffset> CommitOffsets() => [.. _next.Select(p => new TopicPartitionOffset(p.Key, p.Value))];

    /// <summary>Where each partition stood when the transaction took its first input: the group's committed offsets.</summary>
    public List<TopicPartitionOffset> StartOffsets() => [.. _startedAt.Select(p => new TopicPartitionOffset(p.Key, p.Value))];

    /// <summary>After the commit: counts what it committed and closes the transaction.</summary>
    public void Committed(MetricsManager metrics)
    {
        foreach (var (topic, count) in _consumed)
        {
            metrics.CountConsumed(topic, count);
        }
        lock (_produced)
        {
            foreach (var (topic, count) in _produced)
            {
                metrics.CountProduced(topic, count);
            }
        }
        Clear();
    }

    /// <summary>Closes the transaction without counting anything (it was aborted).</summary>
    public void Clear()
    {
        _startedAt.Clear();
        _next.Clear();
        _consumed.Clear();
        lock (_produced)
        {
            _produced.Clear();
        }
        Inputs = 0;
        IsOpen = false;
    }
}
