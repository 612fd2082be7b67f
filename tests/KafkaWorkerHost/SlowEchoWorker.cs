using Confluent.Kafka;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Monitoring.Lib.Kafka;
using Monitoring.Lib.Metrics;

namespace Monitoring.Lib.Tests.KafkaWorkerHost;

/// <summary>Upper-cases each input into Worker:Output, slowly enough to be killed mid-stream; prints each one handled.</summary>
internal sealed class SlowEchoWorker(KafkaSettings settings, MetricsManager metrics, ILogger<SlowEchoWorker> logger, IConfiguration configuration)
    : KafkaStreamWorker<string, string>(settings, metrics, logger)
{
    private readonly string _output = configuration["Worker:Output"] ?? throw new InvalidOperationException("Worker:Output is required.");

    protected override IReadOnlyList<string> InputTopics { get; } =
        [configuration["Worker:Input"] ?? throw new InvalidOperationException("Worker:Input is required.")];

    protected override async Task HandleAsync(ConsumeResult<string, string> message, KafkaStreamOutputs<string, string> outputs, CancellationToken stoppingToken)
    {
        // 200 ms: the kill must land while inputs are left; at 50 ms the 30 after the tenth took only 1.5 s, which a
        // stalled test process can miss.
        await Task.Delay(TimeSpan.FromMilliseconds(200), CancellationToken.None);
        outputs.Add(_output, message.Message.Key, message.Message.Value.ToUpperInvariant());
        Console.WriteLine($"handled {message.Message.Value}");
    }
}
