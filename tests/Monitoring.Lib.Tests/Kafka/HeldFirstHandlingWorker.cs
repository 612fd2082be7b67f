using Confluent.Kafka;
using Microsoft.Extensions.Logging.Abstractions;
using Monitoring.Lib.Kafka;
using Monitoring.Lib.Metrics;

namespace Monitoring.Lib.Tests.Kafka;

/// <summary>
/// A stream worker for tests: upper-cases each input into the output topic. The first time it handles an input, that
/// input's after-delivery work waits for <c>held</c>; an input handled again (its partition given back after a
/// rebalance) has no such work, so it is done as soon as its output is delivered.
/// </summary>
internal sealed class HeldFirstHandlingWorker(KafkaSettings settings, MetricsManager metrics, string input, string output, Task held)
    : KafkaStreamWorker<string, string>(settings, metrics, NullLogger.Instance)
{
    // Only the worker's loop reads and writes it: handlers run one at a time.
    private readonly HashSet<string> _handledOnce = [];

    protected override IReadOnlyList<string> InputTopics => [input];

    protected override Task HandleAsync(ConsumeResult<string, string> message, KafkaStreamOutputs<string, string> outputs, CancellationToken stoppingToken)
    {
        var value = message.Message.Value;
        outputs.Add(output, message.Message.Key, value.ToUpperInvariant());
        if (_handledOnce.Add(value))
        {
            outputs.OnDelivered(held.WaitAsync);
        }
        return Task.CompletedTask;
    }
}
