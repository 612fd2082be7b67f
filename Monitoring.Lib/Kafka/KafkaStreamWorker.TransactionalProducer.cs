using Confluent.Kafka;
using Monitoring.Lib.Kafka.Internal;

namespace Monitoring.Lib.Kafka;

// ProcessingGuarantee.ExactlyOnce: the transactional producer's lifetime. Each transactional call is bounded and tried
// again where librdkafka allows it; a producer that is fenced, failed for good or stuck in a call is replaced.
public abstract partial class KafkaStreamWorker<TKey, TValue>
{
    /// <summary>How long one transactional call (init, send offsets, commit, abort) may wait for the brokers: 10 s.</summary>
    private static readonly TimeSpan TransactionCallTimeout = TimeSpan.FromSeconds(10);

    // The transactional call that did not return within its bound (see Bounded); null while none is stuck.
    private Task? _stuckCall;

    private void ReplaceProducer(string reason)
    {
        KafkaStreamLog.ProducerReplaced(Logger, _workerName, reason);
        if (_stuckCall is { } stuck)
        {
            // Destroyed once its stuck call returns. The new producer's InitTransactions fences it and aborts what it
            // left open.
            _ = AbandonedProducer.DestroyWhenReturned(stuck, _producer, failure => KafkaStreamLog.AbandonedProducerDestroyed(Logger, failure, _workerName));
            _stuckCall = null;
        }
        else
        {
            _producer.Dispose();
        }
        _producer = CreateProducer();
        InitTransactions();
    }

    /// <summary>
    /// Runs a transactional call with a bound of its own: librdkafka 2.16's send_offsets_to_transaction can block past
    /// its timeout when the group coordinator went away (confluentinc/librdkafka#5456, #5511; the idle connections the
    /// producer closes after 10 s end that wait). A call still running after <see cref="TransactionCallTimeout"/> plus
    /// 5 s counts as failed, and the producer is replaced.
    /// </summary>
    private void Bounded(string name, Action<MonitoredProducer<TKey, TValue>> call)
    {
        var producer = _producer;
        var running = Task.Run(() => call(producer));
        try
        {
            if (running.Wait(TransactionCallTimeout + TimeSpan.FromSeconds(5)))
            {
                return;
            }
        }
        catch (AggregateException ex) when (ex.InnerException is KafkaException failure)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
        }
        _stuckCall = running;
        throw new KafkaException(new Error(ErrorCode.Local_TimedOut, $"{name} did not return within its timeout"));
    }

    /// <summary>Registers the transactional id with its coordinator, waiting out brokers that are away until the worker stops.</summary>
    private void InitTransactions()
    {
        while (true)
        {
            try
            {
                _producer.InitTransactions(TransactionCallTimeout);
                return;
            }
            catch (KafkaRetriableException ex) when (!_stopping.IsCancellationRequested)
            {
                KafkaStreamLog.InitTransactionsRetried(Logger, _workerName, ex.Error.Reason);
            }
        }
    }

    private MonitoredProducer<TKey, TValue> CreateProducer() => new(_producerConfig, Metrics, logger: Logger)
    {
        TracingEnabled = _tracing,
        CountsDelivered = !IsExactlyOnce,
        // A fenced producer's queue cannot be delivered; an at-least-once one flushes in Shutdown first.
        DisposeFlushTimeout = IsExactlyOnce ? TimeSpan.Zero : TimeSpan.FromSeconds(10),
    };

    // librdkafka lets a transactional call that timed out or hit a passing error be called again: 3 attempts, or as
    // many as it takes until the worker stops.
    private void Retrying(Action call, bool untilStopped = false)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                call();
                return;
            }
            catch (KafkaRetriableException ex) when (attempt < 3 || (untilStopped && !_stopping.IsCancellationRequested))
            {
                KafkaStreamLog.TransactionCallRetried(Logger, _workerName, attempt, ex.Error.Reason);
            }
        }
    }
}
