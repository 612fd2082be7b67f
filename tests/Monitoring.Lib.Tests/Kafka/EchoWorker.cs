using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Monitoring.Lib.Kafka;
using Monitoring.Lib.Metrics;

namespace Monitoring.Lib.Tests.Kafka;

/// <summary>A stream worker for tests: upper-cases each input into the output topic; inputs starting "bad" throw.</summary>
internal sealed class EchoWorker(KafkaSettings settings, MetricsManager metrics, string input, string output, string? deadLetterTopic = null,
    ILogger? logger = null)
    : KafkaStreamWorker<string, string>(settings, metrics, logger ?? NullLogger.Instance)
{
    private readonly TaskCompletionSource _paused = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _values = new();
    private int _handled;

    /// <summary>The values of the inputs handled successfully so far.</summary>
    public IReadOnlyCollection<string> HandledValues => _values;

    /// <summary>When set, the handler of input number PauseAt (1-based) waits for <see cref="Release"/> before finishing.</summary>
    public int? PauseAt { get; init; }

    /// <summary>Completes when the handler has paused.</summary>
    public Task Paused => _paused.Task;

    public void Release() => _released.TrySetResult();

    /// <summary>Inputs handled successfully so far (outputs added, not necessarily delivered yet).</summary>
    public int Handled => Volatile.Read(ref _handled);

    protected override IReadOnlyList<string> InputTopics => [input];

    protected override string? DeadLetterTopic => deadLetterTopic;

    protected override async Task HandleAsync(ConsumeResult<string, string> message, KafkaStreamOutputs<string, string> outputs, CancellationToken stoppingToken)
    {
        if (_handled + 1 == PauseAt)
        {
            _paused.TrySetResult();
            // Deliberately not cancelled by the stop: this is the in-flight message a graceful stop must finish.
            await _released.Task;
        }
        if (message.Message.Value.StartsWith("bad", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"cannot handle {message.Message.Value}");
        }
        outputs.Add(output, message.Message.Key, message.Message.Value.ToUpperInvariant());
        _values.Enqueue(message.Message.Value);
        Interlocked.Increment(ref _handled);
    }
}
