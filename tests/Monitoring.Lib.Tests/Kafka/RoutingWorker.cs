using Confluent.Kafka;
using Microsoft.Extensions.Logging.Abstractions;
using Monitoring.Lib.Kafka;
using Monitoring.Lib.Metrics;

namespace Monitoring.Lib.Tests.Kafka;

/// <summary>A stream worker for tests: an input "topic:text" is produced as "text" to that topic.</summary>
internal sealed class RoutingWorker(KafkaSettings settings, MetricsManager metrics, string input)
    : KafkaStreamWorker<string, string>(settings, metrics, NullLogger.Instance)
{
    private int _handled;

    public int Handled => Volatile.Read(ref _handled);

    protected override IReadOnlyList<string> InputTopics => [input];

    protected override Task HandleAsync(ConsumeResult<string, string> message, KafkaStreamOutputs<string, string> outputs, CancellationToken stoppingToken)
    {
        var (topic, text) = (message.Message.Value[..message.Message.Value.IndexOf(':', StringComparison.Ordinal)],
            message.Message.Value[(message.Message.Value.IndexOf(':', StringComparison.Ordinal) + 1)..]);
        outputs.Add(topic, message.Message.Key, text);
        Interlocked.Increment(ref _handled);
        return Task.CompletedTask;
    }
}
