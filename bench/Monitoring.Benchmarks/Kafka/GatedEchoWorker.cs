using Confluent.Kafka;
using Microsoft.Extensions.Logging.Abstractions;
using Monitoring.Lib.Kafka;
using Monitoring.Lib.Metrics;

namespace Monitoring.Benchmarks.Kafka;

/// <summary>
/// Echoes each input to the output topic. Its handler waits for <see cref="Open"/>, so the benchmark can let the
/// worker join its group and take its first message before the measured part starts.
/// </summary>
internal sealed class GatedEchoWorker(KafkaSettings settings, MetricsManager metrics, string input, string output)
    : KafkaStreamWorker<string, string>(settings, metrics, NullLogger.Instance)
{
    private readonly TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _waiting = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when the first message is being handled (the group is joined).</summary>
    public Task Waiting => _waiting.Task;

    public void Open() => _gate.TrySetResult();

    protected override IReadOnlyList<string> InputTopics => [input];

    protected override async Task HandleAsync(ConsumeResult<string, string> message, KafkaStreamOutputs<string, string> outputs, CancellationToken stoppingToken)
    {
        _waiting.TrySetResult();
        await _gate.Task;
        outputs.Add(output, message.Message.Key, message.Message.Value);
    }
}
