using Confluent.Kafka;

namespace Monitoring.Lib.Kafka.Internal;

/// <summary>
/// The input offsets of an exactly-once worker's committed transactions that no plain commit has stored yet. A real
/// broker stores them with the transaction; librdkafka's mock cluster, which DevKafka runs, acknowledges them without
/// storing, so the worker stores them again with a plain commit. When that fails and the partition is lost or revoked
/// first, the group goes back to an older offset: the inputs between were handled in a committed transaction, and are
/// remembered here so that, read again by this worker, they are skipped instead of handled twice. Worker loop only.
/// </summary>
internal sealed class UnstoredTransactionOffsets
{
    // Per partition: from where (the group's offset when the first such transaction began) until where (exclusive).
    private readonly Dictionary<TopicPartition, (Offset From, Offset Until)> _unstored = [];
    private readonly Dictionary<TopicPartition, (Offset From, Offset Until)> _handledBeforeLoss = [];

    /// <summary>The offsets a plain commit should store: the end of each partition's committed transactions.</summary>
    public IEnumerable<TopicPartitionOffset> Pending => _unstored.Select(p => new TopicPartitionOffset(p.Key, p.Value.Until));

    /// <summary>Whether a plain commit has something to store.</summary>
    public bool HasPending => _unstored.Count > 0;

    /// <summary>After a transaction committed: it read each partition from <paramref name="started"/> up to <paramref name="committed"/>.</summary>
    public void Committed(List<TopicPartitionOffset> started, List<TopicPartitionOffset> committed)
    {
        foreach (var end in committed)
        {
            var from = _unstored.TryGetValue(end.TopicPartition, out var known)
                ? known.From
                : started.Find(s => s.TopicPartition == end.TopicPartition)?.Offset ?? end.Offset;
            _unstored[end.TopicPartition] = (from, end.Offset);
            if (_handledBeforeLoss.TryGetValue(end.TopicPartition, out var skipped) && end.Offset >= skipped.Until)
            {
                // Past what was skipped: it is in the transactions' offsets now.
                _handledBeforeLoss.Remove(end.TopicPartition);
            }
        }
    }

    /// <summary>A plain commit stored <see cref="Pending"/>.</summary>
    public void Stored() => _unstored.Clear();

    /// <summary>
    /// The partitions left this worker with their offsets unstored: the group reads them again from an older offset,
    /// and this worker skips what its transactions handled if it gets them back. Returns those set aside.
    /// </summary>
    public List<TopicPartition> Gone(IEnumerable<TopicPartition> partitions)
    {
        var setAside = new List<TopicPartition>();
        foreach (var partition in partitions)
        {
            if (_unstored.Remove(partition, out var range))
            {
                setAside.Add(partition);
                _handledBeforeLoss[partition] = _handledBeforeLoss.TryGetValue(partition, out var earlier)
                    ? (Math.Min(earlier.From.Value, range.From.Value), Math.Max(earlier.Until.Value, range.Until.Value))
                    : range;
            }
        }
        return setAside;
    }

    /// <summary>Whether <paramref name="offset"/> of <paramref name="partition"/> was handled in a committed transaction of this worker.</summary>
    public bool WasHandled(TopicPartition partition, Offset offset) =>
        _handledBeforeLoss.TryGetValue(partition, out var range) && offset >= range.From && offset < range.Until;
}
