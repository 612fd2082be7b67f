using Confluent.Kafka;

namespace Monitoring.Lib.Kafka;

// The IConsumer members that consume nothing: passed to the wrapped consumer as they are.
internal sealed partial class MonitoredConsumer<TKey, TValue>
{
    /// <inheritdoc/>
    public Handle Handle => _consumer.Handle;

    /// <inheritdoc/>
    public string Name => _consumer.Name;

    /// <inheritdoc/>
    public string MemberId => _consumer.MemberId;

    /// <inheritdoc/>
    public List<TopicPartition> Assignment => _consumer.Assignment;

    /// <inheritdoc/>
    public List<string> Subscription => _consumer.Subscription;

    /// <inheritdoc/>
    public IConsumerGroupMetadata ConsumerGroupMetadata => _consumer.ConsumerGroupMetadata;

    /// <inheritdoc/>
    public int AddBrokers(string brokers) => _consumer.AddBrokers(brokers);

    /// <inheritdoc/>
    public void SetSaslCredentials(string username, string password) => _consumer.SetSaslCredentials(username, password);

    /// <inheritdoc/>
    public void Subscribe(IEnumerable<string> topics) => _consumer.Subscribe(topics);

    /// <inheritdoc/>
    public void Subscribe(string topic) => _consumer.Subscribe(topic);

    /// <inheritdoc/>
    public void Unsubscribe() => _consumer.Unsubscribe();

    /// <inheritdoc/>
    public void Assign(TopicPartition partition) => _consumer.Assign(partition);

    /// <inheritdoc/>
    public void Assign(TopicPartitionOffset partition) => _consumer.Assign(partition);

    /// <inheritdoc/>
    public void Assign(IEnumerable<TopicPartitionOffset> partitions) => _consumer.Assign(partitions);

    /// <inheritdoc/>
    public void Assign(IEnumerable<TopicPartition> partitions) => _consumer.Assign(partitions);

    /// <inheritdoc/>
    public void IncrementalAssign(IEnumerable<TopicPartitionOffset> partitions) => _consumer.IncrementalAssign(partitions);

    /// <inheritdoc/>
    public void IncrementalAssign(IEnumerable<TopicPartition> partitions) => _consumer.IncrementalAssign(partitions);

    /// <inheritdoc/>
    public void IncrementalUnassign(IEnumerable<TopicPartition> partitions) => _consumer.IncrementalUnassign(partitions);

    /// <inheritdoc/>
    public void Unassign() => _consumer.Unassign();

    /// <inheritdoc/>
    public void StoreOffset(ConsumeResult<TKey, TValue> result) => _consumer.StoreOffset(result);

    /// <inheritdoc/>
    public void StoreOffset(TopicPartitionOffset offset) => _consumer.StoreOffset(offset);

    /// <inheritdoc/>
    public List<TopicPartitionOffset> Commit() => _consumer.Commit();

    /// <inheritdoc/>
    public void Commit(IEnumerable<TopicPartitionOffset> offsets) => _consumer.Commit(offsets);

    /// <inheritdoc/>
    public void Commit(ConsumeResult<TKey, TValue> result) => _consumer.Commit(result);

    /// <inheritdoc/>
    public void Seek(TopicPartitionOffset tpo) => _consumer.Seek(tpo);

    /// <inheritdoc/>
    public void Pause(IEnumerable<TopicPartition> partitions) => _consumer.Pause(partitions);

    /// <inheritdoc/>
    public void Resume(IEnumerable<TopicPartition> partitions) => _consumer.Resume(partitions);

    /// <inheritdoc/>
    public List<TopicPartitionOffset> Committed(TimeSpan timeout) => _consumer.Committed(timeout);

    /// <inheritdoc/>
    public List<TopicPartitionOffset> Committed(IEnumerable<TopicPartition> partitions, TimeSpan timeout) => _consumer.Committed(partitions, timeout);

    /// <inheritdoc/>
    public Offset Position(TopicPartition partition) => _consumer.Position(partition);

    /// <inheritdoc/>
    public List<TopicPartitionOffset> OffsetsForTimes(IEnumerable<TopicPartitionTimestamp> timestampsToSearch, TimeSpan timeout) =>
        _consumer.OffsetsForTimes(timestampsToSearch, timeout);

    /// <inheritdoc/>
    public WatermarkOffsets GetWatermarkOffsets(TopicPartition topicPartition) => _consumer.GetWatermarkOffsets(topicPartition);

    /// <inheritdoc/>
    public WatermarkOffsets QueryWatermarkOffsets(TopicPartition topicPartition, TimeSpan timeout) => _consumer.QueryWatermarkOffsets(topicPartition, timeout);
}
