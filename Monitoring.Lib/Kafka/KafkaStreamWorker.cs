using System.Diagnostics.CodeAnalysis;
using Confluent.Kafka;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Monitoring.Lib.Kafka.Internal;
using Monitoring.Lib.Metrics;

namespace Monitoring.Lib.Kafka;

/// <summary>
/// The reference design's stream-app wrapper: consume from <see cref="InputTopics"/> → <see cref="HandleAsync"/> →
/// produce every output → run the input's after-delivery work, if any → mark the input's offset for commit. At-least-once:
/// an input is committed only after all its outputs are delivered and its after-delivery work has finished, and only
/// after every input consumed before it is, so a crash or a failed delivery makes it be handled again.
/// </summary>
/// <remarks>
/// <para>Metrics come from <see cref="MonitoredConsumer{TKey, TValue}"/> and <see cref="MonitoredProducer{TKey, TValue}"/>
/// (consumed, produced, lag, librdkafka statistics); a handler exception counts <c>messages_errors{exception}</c> and goes
/// to <see cref="OnFailureAsync"/>. The consumer runs with <c>enable.auto.offset.store=false</c> and auto-commit of the
/// offsets the worker stores (so commits cost no round trip per message); the producer with <c>acks=all</c>.</para>
/// <para>Inputs are handled one at a time, in order; their deliveries overlap: up to <see cref="MaxInFlightInputs"/>
/// inputs may wait for delivery while the next ones are handled (waiting for each delivery before the next input
/// limits a worker to one broker round trip per message). After a failed delivery, inputs handled after it may already
/// have delivered their outputs; they are handled again after a restart, as at-least-once allows.</para>
/// <para>Work that must wait until the outputs are on their topics (telling a client about a result, say) goes to
/// <see cref="KafkaStreamOutputs{TKey, TValue}.OnDelivered"/>: it runs after the input's outputs are delivered, in
/// consume order, one at a time, while later inputs are handled; the input's offset is stored after it, and a failed
/// delivery means it never runs.</para>
/// <para>A stop request lets the in-flight message finish: its outputs, and all in flight, are delivered, their
/// after-delivery work finishes, then the worker commits, flushes the producer and closes the consumer. The token given
/// to the handler and to after-delivery work is cancelled by the stop: work that gives up on it leaves its input (and
/// those after it) uncommitted, to be handled again. A failed delivery stops the worker (and, by the host's default,
/// the application) rather than skip the input; with <see cref="ProcessingGuarantee.ExactlyOnce"/> it aborts the open
/// transaction instead, and the worker goes on.</para>
/// <para>Partitions revoked or lost in a rebalance (another member joined, the session timed out while a broker was
/// away) drop their in-flight inputs unstored: the next owner handles them again from the last commit (at-least-once),
/// their outputs may then arrive twice, and the worker goes on with the partitions it keeps or is given.</para>
/// <para>With <see cref="KafkaSettings.ProcessingGuarantee"/> <see cref="ProcessingGuarantee.ExactlyOnce"/> the outputs,
/// dead letters and input offsets of each <see cref="KafkaSettings.TransactionInterval"/> are committed in one Kafka
/// transaction; a transaction that is revoked, lost, fenced or fails is aborted and its inputs are handled again, so
/// <c>read_committed</c> readers see each input's outputs once. After-delivery work runs before the commit and stays
/// at-least-once.</para>
/// </remarks>
/// <typeparam name="TKey">The key type of inputs and outputs.</typeparam>
/// <typeparam name="TValue">The value type of inputs and outputs.</typeparam>
public abstract partial class KafkaStreamWorker<TKey, TValue> : BackgroundService
{
    /// <summary>The header that carries the failure reason on a dead-lettered message: <c>error</c>.</summary>
    public const string ErrorHeader = "error";

    /// <summary>Inputs that may wait for the delivery of their outputs while later ones are handled: 1,000.</summary>
    public const int MaxInFlightInputs = 1_000;

    private readonly KafkaStreamOutputs<TKey, TValue> _outputs = new();
    private readonly InFlightInputs<TKey, TValue> _inFlight;
    private readonly MonitoredConsumer<TKey, TValue> _consumer;
    private readonly ProducerConfig _producerConfig;
    private readonly StreamTransaction? _transaction;
    private readonly TimeSpan _pollTimeout;
    private readonly string? _groupId;
    private readonly string _workerName;
    private readonly bool _tracing;
    private MonitoredProducer<TKey, TValue> _producer;
    private CancellationToken _stopping;
    private volatile bool _disposing;

    /// <summary>Builds the worker's consumer and producer from <paramref name="settings"/> (validated here; <c>GroupId</c> required).</summary>
    protected KafkaStreamWorker(KafkaSettings settings, MetricsManager metrics, ILogger logger, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        Metrics = metrics ?? throw new ArgumentNullException(nameof(metrics));
        Logger = logger ?? throw new ArgumentNullException(nameof(logger));
        var consumerConfig = settings.ToConsumerConfig();
        consumerConfig.EnableAutoOffsetStore = false;
        _producerConfig = settings.ToProducerConfig();
        _producerConfig.Acks = Acks.All;
        _pollTimeout = settings.EffectivePollTimeout;
        _groupId = consumerConfig.GroupId;
        _workerName = GetType().Name;
        _tracing = !settings.DisableTracing;
        if (settings.ProcessingGuarantee == ProcessingGuarantee.ExactlyOnce)
        {
            // Offsets go with the outputs in each transaction; inputs written in transactions count once committed.
            _transaction = new StreamTransaction(settings.TransactionInterval);
            consumerConfig.EnableAutoCommit = false;
            consumerConfig.IsolationLevel = IsolationLevel.ReadCommitted;
            _producerConfig.TransactionalId = settings.TransactionalId ?? DefaultTransactionalId(_groupId, GetType());
            // Connections to every broker, kept up: librdkafka 2.16 looks the group coordinator up again for the
            // transaction's offsets only when a broker connection changes state (confluentinc/librdkafka#5456), so
            // with sparse connections a coordinator that went away and came back leaves the call waiting for good.
            _producerConfig.Set("enable.sparse.connections", "false");
            // An idle connection closed now and then: since librdkafka 2.10 a broker missing from metadata (down) is
            // decommissioned, and one that was the group coordinator stays cached as such, so the transaction's offsets
            // wait on it until some other broker connection changes state (confluentinc/librdkafka#5511); closing idle
            // connections is such a change, within 10 s, inside the call's bound (see Bounded). Unless set by the user.
            if (_producerConfig.Get("connections.max.idle.ms") is null)
            {
                _producerConfig.Set("connections.max.idle.ms", "10000");
            }
        }
        else
        {
            consumerConfig.EnableAutoCommit = true;
        }
        _producer = CreateProducer();
        // Called inside Consume, on the worker's own loop. At-least-once: partitions given up in a rebalance take their
        // in-flight inputs with them, unstored (their next owner handles them again), so no offset is stored for a
        // partition this member does not own. Exactly-once: the open transaction is aborted when partitions are revoked
        // or lost (its inputs are handled again by their owner); committed transactions' offsets are stored first.
        _consumer = new MonitoredConsumer<TKey, TValue>(consumerConfig, metrics, timeProvider, builder => builder
            .SetPartitionsRevokedHandler((_, revoked) => OnRevoked([.. revoked.Select(p => p.TopicPartition)]))
            .SetPartitionsLostHandler((_, lost) => OnLost([.. lost.Select(p => p.TopicPartition)])), logger)
        {
            // Each input's process span is the consumer side of the trace; a poll span beside it would say it twice.
            TracingEnabled = false,
            CountsConsumed = !IsExactlyOnce,
        };
        _inFlight = new InFlightInputs<TKey, TValue>(_transaction is null ? _consumer.StoreOffset : _transaction.Finish, MaxInFlightInputs, logger,
            _workerName, inTransactions: IsExactlyOnce);
    }

    /// <summary>The topics to consume.</summary>
    protected abstract IReadOnlyList<string> InputTopics { get; }

    /// <summary>Where <see cref="OnFailureAsync"/> sends inputs whose handler failed. Default: none (logged as errors and skipped).</summary>
    protected virtual string? DeadLetterTopic => null;

    /// <summary>The metrics manager the worker counts into.</summary>
    protected MetricsManager Metrics { get; }

    /// <summary>The worker's logger.</summary>
    protected ILogger Logger { get; }

    /// <summary>Handles one input: add the messages to produce to <paramref name="outputs"/>; throw to fail the input.</summary>
    protected abstract Task HandleAsync(ConsumeResult<TKey, TValue> message, KafkaStreamOutputs<TKey, TValue> outputs, CancellationToken stoppingToken);

    /// <summary>
    /// Decides what becomes of an input whose handler threw (already counted in <c>messages_errors</c>). Default: produce
    /// it to <see cref="DeadLetterTopic"/> with the reason in header <see cref="ErrorHeader"/> and skip it; without a
    /// dead-letter topic, log an error and skip it. The input is committed after this returns; throw to stop instead.
    /// Also called when an input's after-delivery work throws, from that work's thread: it may then run at the same
    /// time as <see cref="HandleAsync"/> of a later input.
    /// </summary>
    protected virtual async Task OnFailureAsync(ConsumeResult<TKey, TValue> message, Exception exception, CancellationToken stoppingToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(exception);
        if (DeadLetterTopic is not { } deadLetterTopic)
        {
            KafkaStreamLog.Skipped(Logger, exception, message.Topic, message.Partition.Value, message.Offset.Value);
            return;
        }
        var dead = DeadLetterMessage.Create(message, exception);
        // Not cancelled by the stop: the failed input is committed right after, so its dead letter must be delivered.
        await _producer.ProduceAsync(deadLetterTopic, dead, CancellationToken.None).ConfigureAwait(false);
        _transaction?.Produced(deadLetterTopic);
        KafkaStreamLog.DeadLettered(Logger, exception, message.Topic, message.Partition.Value, message.Offset.Value, deadLetterTopic);
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        var name = _workerName;
        _stopping = stoppingToken;
        if (IsExactlyOnce)
        {
            InitTransactions();
        }
        _consumer.Subscribe(InputTopics);
        KafkaStreamLog.Started(Logger, name, string.Join(",", InputTopics), _groupId);
        // After-delivery work is cancelled by the stop and also when the worker fails, so waiting for it always ends.
        using var afterDelivery = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                // Not given the token: a poll ends within the poll timeout, and a cancelled Consume could lose track
                // of a message it already took from the queue.
                if (IsExactlyOnce)
                {
                    await TransactionalStepAsync(name, stoppingToken, afterDelivery.Token).ConfigureAwait(false);
                    continue;
                }
                if (TryConsume(name, _pollTimeout, out var input))
                {
                    await ProcessAsync(input, stoppingToken, afterDelivery.Token).ConfigureAwait(false);
                }
                _inFlight.StoreDone();
            }
            // Stopping: everything in flight is delivered, its after-delivery work done and its input stored (or its
            // transaction committed) before the final commit.
            if (IsExactlyOnce)
            {
                await CommitTransactionAsync("stopping").ConfigureAwait(false);
            }
            await _inFlight.DrainAsync().ConfigureAwait(false);
        }
        finally
        {
            // After a failure too, work still in flight ends before the consumer and producer it may use are closed.
            await afterDelivery.CancelAsync().ConfigureAwait(false);
            await _inFlight.WaitAllAsync().ConfigureAwait(false);
            Shutdown(name);
        }
    }

    /// <summary>
    /// One poll. A consume error librdkafka does not call fatal (a subscribed topic that does not exist yet, a broker
    /// that went away) is counted in <c>messages_errors</c> by the consumer and logged, and the worker goes on: librdkafka
    /// recovers from it by itself. A fatal one ends the worker.
    /// </summary>
    private bool TryConsume(string name, TimeSpan timeout, [NotNullWhen(true)] out ConsumeResult<TKey, TValue>? input)
    {
        try
        {
            input = _consumer.Consume(timeout);
            if (input is { IsPartitionEOF: false, Message: not null })
            {
                return true;
            }
            input = null;
            return false;
        }
        catch (ConsumeException ex) when (!ex.Error.IsFatal)
        {
            KafkaStreamLog.ConsumeErrorSkipped(Logger, name, ex.Error.ToString());
            input = null;
            return false;
        }
    }

    /// <summary>Releases the consumer and the producer if <see cref="ExecuteAsync"/> did not run to its end.</summary>
    public override void Dispose()
    {
        _disposing = true;
        base.Dispose();
        _consumer.Dispose();
        _producer.Dispose();
        GC.SuppressFinalize(this);
    }
}
