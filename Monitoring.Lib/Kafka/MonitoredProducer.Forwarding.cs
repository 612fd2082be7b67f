using Confluent.Kafka;

namespace Monitoring.Lib.Kafka;

// The IProducer members that produce nothing of their own: passed to the wrapped producer as they are.
internal sealed partial class MonitoredProducer<TKey, TValue>
{
    /// <inheritdoc/>
    public Handle Handle => _producer.Handle;

    /// <inheritdoc/>
    public string Name => _producer.Name;

    /// <inheritdoc/>
    public int AddBrokers(string brokers) => _producer.AddBrokers(brokers);

    /// <inheritdoc/>
    public void SetSaslCredentials(string username, string password) => _producer.SetSaslCredentials(username, password);

    /// <inheritdoc/>
    public int Poll(TimeSpan timeout) => _producer.Poll(timeout);

    /// <summary>Waits up to <paramref name="timeout"/> for queued messages; returns how many are still queued.</summary>
    public int Flush(TimeSpan timeout) => _producer.Flush(timeout);

    /// <inheritdoc/>
    public void Flush(CancellationToken cancellationToken = default) => _producer.Flush(cancellationToken);

    /// <inheritdoc/>
    public void InitTransactions(TimeSpan timeout) => _producer.InitTransactions(timeout);

    /// <inheritdoc/>
    public void BeginTransaction() => _producer.BeginTransaction();

    /// <inheritdoc/>
    public void CommitTransaction(TimeSpan timeout) => _producer.CommitTransaction(timeout);

    /// <inheritdoc/>
    public void CommitTransaction() => _producer.CommitTransaction();

    /// <inheritdoc/>
    public void AbortTransaction(TimeSpan timeout) => _producer.AbortTransaction(timeout);

    /// <inheritdoc/>
    public void AbortTransaction() => _producer.AbortTransaction();

    /// <inheritdoc/>
    public void SendOffsetsToTransaction(IEnumerable<TopicPartitionOffset> offsets, IConsumerGroupMetadata groupMetadata, TimeSpan timeout) =>
        _producer.SendOffsetsToTransaction(offsets, groupMetadata, timeout);
}
