namespace Monitoring.Lib.Kafka;

/// <summary>What a <see cref="KafkaStreamWorker{TKey, TValue}"/> promises about each input's outputs (<see cref="KafkaSettings.ProcessingGuarantee"/>).</summary>
public enum ProcessingGuarantee
{
    /// <summary>
    /// Every input's outputs reach their topics at least once: an input is committed after its outputs are delivered, so
    /// a crash or a rebalance makes its next owner handle it again and its outputs may arrive twice. The default.
    /// </summary>
    AtLeastOnce = 0,

    /// <summary>
    /// Kafka transactions: the outputs of a batch of inputs and those inputs' offsets are committed together, so readers
    /// with <c>isolation.level=read_committed</c> see each input's outputs once; an aborted batch is handled again.
    /// </summary>
    ExactlyOnce = 1,
}
