using Confluent.Kafka;
using Microsoft.Extensions.Logging.Abstractions;
using Monitoring.Lib.Kafka;
using Monitoring.Lib.Metrics;

namespace Monitoring.Lib.Tests.Kafka;

/// <summary>
/// A stream worker for tests: upper-cases each input into the output topic and, once that output is delivered, runs the
/// test's <c>afterDelivery</c> with the input's value. An input starting "huge" becomes an output the producer refuses.
/// </summary>
internal sealed class AfterDeliveryWorker(KafkaSettings settings, MetricsManager metrics, string input, string output,
    Func<string, CancellationToken, Task> afterDelivery)
    : KafkaStreamWorker<string, string>(settings, metrics, NullLogger.Instance)
{
    // Over librdkafka's default message.max.bytes (1,000,000): never delivered.
    private const int HugeLength = 1_100_000;

    protected override IReadOnlyList<string> InputTopics => [input];

    protected override Task HandleAsync(ConsumeResult<string, string> message, KafkaStreamOutputs<string, string> outputs, CancellationToken stoppingToken)
    {
        var value = message.Message.Value;
        outputs.Add(output, message.Message.Key, value.StartsWith("huge", StringComparison.Ordinal) ? new string('X', HugeLength) : value.ToUpperInvariant());
        outputs.OnDelivered(ct => afterDelivery(value, ct));
        return Task.CompletedTask;
    }
}
