using Confluent.Kafka;
using Monitoring.Lib.Kafka.Internal;

namespace Monitoring.Lib.Kafka;

// ProcessingGuarantee.ExactlyOnce: the outputs of the inputs handled during TransactionInterval and those inputs'
// offsets are committed in one Kafka transaction (KIP-447: one transactional producer per worker, fenced through the
// consumer group's generation). A transaction that cannot commit, or whose partitions are revoked or lost while it is
// open, is aborted and its inputs read again.
public abstract partial class KafkaStreamWorker<TKey, TValue>
{
    // Offsets of committed transactions not yet stored by a plain commit (see ConfirmOffsets).
    private readonly UnstoredTransactionOffsets _unstoredOffsets = new();

    private bool IsExactlyOnce => _transaction is not null;

    private static string DefaultTransactionalId(string? groupId, Type worker) =>
        $"{groupId}-{(Environment.GetEnvironmentVariable("HOSTNAME") is { Length: > 0 } host ? host : Environment.MachineName)}-{worker.Name}";

    /// <summary>Takes an input into the open transaction, beginning one for the first input after a commit or an abort.</summary>
    private void TakeIntoTransaction(ConsumeResult<TKey, TValue> input)
    {
        if (_transaction!.Take(input.TopicPartition, input.Offset))
        {
            _producer.BeginTransaction();
        }
    }

    /// <summary>
    /// Commits the open transaction once everything in it is delivered and its after-delivery work has run; aborts it
    /// when that fails. Runs on the worker's loop, also inside a partitions-revoked callback.
    /// </summary>
    private async Task CommitTransactionAsync(string reason)
    {
        try
        {
            await _inFlight.DrainAsync().ConfigureAwait(false);
        }
        catch (KafkaException ex)
        {
            AbortTransaction($"an output was not delivered: {ex.Error.Reason}");
            return;
        }
        if (!_transaction!.IsOpen)
        {
            return;
        }
        var offsets = _transaction.CommitOffsets();
        try
        {
            // A member the group expelled (its session ran out while the brokers were away) must not commit; real brokers
            // refuse its transactional offsets (KIP-447), librdkafka's mock cluster does not check them. A plain commit of
            // where the transaction started changes nothing and is refused by both, so the transaction aborts instead.
            var started = _transaction.StartOffsets();
            _consumer.Commit(started.Concat(_unstoredOffsets.Pending.Where(p => !started.Exists(s => s.TopicPartition == p.TopicPartition))));
            _unstoredOffsets.Stored();
            var group = _consumer.ConsumerGroupMetadata;
            Retrying(() => Bounded("SendOffsetsToTransaction", producer => producer.SendOffsetsToTransaction(offsets, group, TransactionCallTimeout)));
            Retrying(() => Bounded("CommitTransaction", producer => producer.CommitTransaction(TransactionCallTimeout)));
        }
        catch (KafkaException ex)
        {
            AbortTransaction($"the commit ({reason}) failed: {ex.Error.Code} {ex.Error.Reason}");
            return;
        }
        KafkaStreamLog.TransactionCommitted(Logger, _workerName, _transaction.Inputs, reason);
        _unstoredOffsets.Committed(_transaction.StartOffsets(), offsets);
        _transaction.Committed(Metrics);
        ConfirmOffsets();
    }

    /// <summary>
    /// Commits the offsets of the transactions committed last as a plain commit too: librdkafka's mock cluster, which
    /// DevKafka runs, acknowledges a transaction's offsets without storing them (a real broker already has them, and
    /// the same values change nothing). Offsets that could not be committed are tried again before the next
    /// transaction commits and before partitions are revoked; if the partitions go first, this worker skips the inputs
    /// those transactions handled when it reads them again (see <see cref="UnstoredTransactionOffsets"/>).
    /// </summary>
    private void ConfirmOffsets()
    {
        if (!_unstoredOffsets.HasPending)
        {
            return;
        }
        try
        {
            _consumer.Commit(_unstoredOffsets.Pending);
            _unstoredOffsets.Stored();
        }
        catch (KafkaException ex)
        {
            KafkaStreamLog.OffsetsNotRecommitted(Logger, _workerName, ex.Error.Reason);
        }
    }

    /// <summary>
    /// Aborts the open transaction: its outputs are never seen by <c>read_committed</c> readers, and the partitions it
    /// read from are read again from where it started. A fenced producer (another instance took its transactional id)
    /// is replaced by a new one, which fences the other in turn.
    /// </summary>
    private void AbortTransaction(string reason)
    {
        var begun = _transaction!.IsOpen;
        var partitions = _transaction.Partitions.ToList();
        var inputs = _transaction.Inputs;
        var restart = _transaction.StartOffsets();
        // Their deliveries fail with the abort; nothing of theirs is committed.
        _inFlight.Release(partitions, "transaction aborted");
        _lastAfterDelivery = InFlightInputs<TKey, TValue>.Done;
        _transaction.Clear();
        try
        {
            if (begun && _stuckCall is null)
            {
                // Until it works while the brokers are away: a new producer would leave this transaction to the
                // broker to abort (on registering the id), which librdkafka's mock cluster never does.
                Retrying(() => Bounded("AbortTransaction", producer => producer.AbortTransaction(TransactionCallTimeout)), untilStopped: true);
            }
            else if (_stuckCall is not null)
            {
                ReplaceProducer("a transactional call did not return");
            }
        }
        catch (KafkaException ex)
        {
            // Fenced, failed for good, stuck in librdkafka or the worker stopping (a passing error is tried again
            // above): registering the new producer aborts what the old one left open.
            ReplaceProducer(ex.Error.Reason);
        }
        var assigned = _consumer.Assignment.ToHashSet();
        foreach (var start in restart.Where(p => assigned.Contains(p.TopicPartition)))
        {
            try
            {
                _consumer.Seek(start);
            }
            catch (KafkaException ex)
            {
                // A partition on its way out (revoked meanwhile): its next owner starts from the group's commit.
                KafkaStreamLog.ConsumeErrorSkipped(Logger, _workerName, $"rewind of {start.TopicPartition} failed: {ex.Error.Reason}");
            }
        }
        Metrics.CountError("transaction_aborted");
        KafkaStreamLog.TransactionAborted(Logger, _workerName, inputs, reason);
    }

    /// <summary>
    /// One poll and its input, in the open transaction. A failed delivery (thrown by the in-flight window) or a produce
    /// the transaction refused aborts the transaction and the worker goes on from where it started.
    /// </summary>
    private async Task TransactionalStepAsync(string name, CancellationToken stoppingToken, CancellationToken afterDeliveryToken)
    {
        try
        {
            // A quiet input topic must not hold the open transaction past its interval.
            if (TryConsume(name, _transaction!.DueIn(_pollTimeout), out var input))
            {
                TakeIntoTransaction(input);
                if (_unstoredOffsets.WasHandled(input.TopicPartition, input.Offset))
                {
                    _transaction.Skip(input.TopicPartition, input.Offset);
                }
                else
                {
                    await ProcessAsync(input, stoppingToken, afterDeliveryToken).ConfigureAwait(false);
                }
            }
            _inFlight.StoreDone();
        }
        catch (KafkaException ex) when (ex is not ConsumeException && _transaction!.IsOpen)
        {
            AbortTransaction($"{ex.Error.Code} {ex.Error.Reason}");
            return;
        }
        if (_transaction!.IsDue)
        {
            await CommitTransactionAsync("interval").ConfigureAwait(false);
        }
    }

    private void OnRevoked(List<TopicPartition> revoked)
    {
        // Not when Dispose closes the consumer of a worker that did not stop: its loop may still use the producer.
        if (_transaction is { IsOpen: true } && !_disposing)
        {
            // Aborted rather than committed: inside this callback librdkafka cannot send the transaction's offsets (the
            // call waits on the group this callback holds up). Their next owner handles the inputs again, once.
            AbortTransaction("partitions revoked");
        }
        if (IsExactlyOnce && !_disposing)
        {
            // Those of committed transactions: stored before the partitions go, where the group still takes commits.
            ConfirmOffsets();
            SetAsideHandledInputs(revoked);
        }
        _inFlight.Release(revoked, "revoked");
    }

    private void OnLost(List<TopicPartition> lost)
    {
        if (_transaction is { IsOpen: true } && !_disposing)
        {
            // The group gave them to another member, so this transaction may not commit.
            AbortTransaction("partitions lost");
        }
        // Another member owns them now: this worker commits nothing more for them.
        SetAsideHandledInputs(lost);
        _inFlight.Release(lost, "lost");
    }

    private void SetAsideHandledInputs(List<TopicPartition> gone)
    {
        if (_unstoredOffsets.Gone(gone) is { Count: > 0 } setAside)
        {
            KafkaStreamLog.HandledInputsSetAside(Logger, _workerName, string.Join(", ", setAside));
        }
    }
}
