using Confluent.Kafka;
using Microsoft.Extensions.Time.Testing;
using Monitoring.Lib.Kafka;
using Monitoring.Lib.Tests.Metrics;

namespace Monitoring.Lib.Tests.Kafka;

[Collection(KafkaClusterDefinition.Name)]
public sealed class MonitoredConsumerTests(KafkaCluster cluster)
{
    [Fact]
    public async Task Consume_FiveMessagesThenNone_CountsExactlyFiveAndReportsNoMessage()
    {
        var topic = cluster.Unique("consume");
        await cluster.ProduceAsync(topic, ["a", "b", "c", "d", "e"]);
        using var metrics = TestMetrics.CreateManager("reader");
        using var consumer = new MonitoredConsumer<string, string>(cluster.Settings(cluster.Unique("g")).ToConsumerConfig(), metrics);
        consumer.Subscribe(topic);

        var values = new List<string>();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (values.Count < 5 && DateTime.UtcNow < deadline)
        {
            if (consumer.Consume(TimeSpan.FromMilliseconds(200)) is { } message)
            {
                values.Add(message.Message.Value);
            }
        }
        var after = consumer.Consume(TimeSpan.FromMilliseconds(500));

        Assert.Equal(["a", "b", "c", "d", "e"], values.Order());
        Assert.Null(after);
        Assert.Contains($"messages_consumed{{app=\"reader\",topic=\"{topic}\"}} 5\n", metrics.GetText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Consume_MessageNinetySecondsOld_LagGaugeIsNinetySeconds()
    {
        var topic = cluster.Unique("lag");
        var now = new DateTimeOffset(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);
        // One partition's message, stamped 90 s before the consumer's clock.
        await cluster.ProduceAsync(topic, ["old"], new Timestamp(now.AddSeconds(-90)));
        using var metrics = TestMetrics.CreateManager("reader");
        using var consumer = new MonitoredConsumer<string, string>(
            cluster.Settings(cluster.Unique("g")).ToConsumerConfig(), metrics, new FakeTimeProvider(now));
        consumer.Subscribe(topic);

        ConsumeResult<string, string>? message = null;
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (message is null && DateTime.UtcNow < deadline)
        {
            message = consumer.Consume(TimeSpan.FromMilliseconds(200));
        }

        Assert.NotNull(message);
        Assert.Contains($"kafka_consumer_lag_seconds{{app=\"reader\",topic=\"{topic}\",partition=\"{message.Partition.Value}\"}} 90\n",
            metrics.GetText(), StringComparison.Ordinal);
    }
}
