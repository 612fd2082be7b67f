using System.Text.RegularExpressions;
using Confluent.Kafka;
using Monitoring.Lib.Kafka;
using Monitoring.Lib.Kafka.Internal;
using Monitoring.Lib.Tests.Metrics;

namespace Monitoring.Lib.Tests.Kafka;

[Collection(KafkaClusterDefinition.Name)]
public sealed class KafkaStatisticsMetricsTests(KafkaCluster cluster)
{
    private const string Client = "client=\"rdkafka#consumer-2\"";

    [Fact]
    public void Update_StatisticsCapturedFromDevKafka_SetsClientGaugesAndKnownPartitionLag()
    {
        using var metrics = TestMetrics.CreateManager("stats");
        var statistics = new KafkaStatisticsMetrics(metrics);

        statistics.Update(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Kafka", "statistics-consumer.json")));

        var text = metrics.GetText();
        Assert.Contains($"kafka_client_messages_queued{{app=\"stats\",{Client}}} 0\n", text, StringComparison.Ordinal);
        Assert.Contains($"kafka_client_tx_bytes_total{{app=\"stats\",{Client}}} 1060\n", text, StringComparison.Ordinal);
        Assert.Contains($"kafka_client_rx_bytes_total{{app=\"stats\",{Client}}} 1624\n", text, StringComparison.Ordinal);
        Assert.Contains($"kafka_client_tx_messages_total{{app=\"stats\",{Client}}} 0\n", text, StringComparison.Ordinal);
        Assert.Contains($"kafka_client_rx_messages_total{{app=\"stats\",{Client}}} 5\n", text, StringComparison.Ordinal);
        // Partition 0 is 4 behind; partitions 1-3 (lag -1: unknown) and the "-1" bucket give no series.
        var lagLines = text.Split('\n').Where(l => l.StartsWith("kafka_consumer_partition_lag{", StringComparison.Ordinal)).ToArray();
        Assert.Equal([$"kafka_consumer_partition_lag{{app=\"stats\",{Client},topic=\"stats-1-3dc594b37\",partition=\"0\"}} 4"], lagLines);
    }

    [Fact]
    public void Update_DocumentThatDoesNotParse_CountsJsonExceptionAndDoesNotThrow()
    {
        using var metrics = TestMetrics.CreateManager("stats");
        var statistics = new KafkaStatisticsMetrics(metrics);

        statistics.Update("{\"name\": ");

        Assert.Contains("messages_errors{app=\"stats\",exception=\"JsonException\"} 1\n", metrics.GetText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task MonitoredProducer_StatisticsIntervalSet_ClientGaugesAppearInMetricsText()
    {
        var topic = cluster.Unique("stats");
        var settings = cluster.Settings();
        settings.StatisticsInterval = TimeSpan.FromMilliseconds(100);
        settings.ClientId = "stats-test";
        using var metrics = TestMetrics.CreateManager("stats");
        using var producer = new MonitoredProducer<string, string>(settings.ToProducerConfig(), metrics);
        await producer.ProduceAsync(topic, new Message<string, string> { Key = "k", Value = "v" }, TestContext.Current.CancellationToken);

        // librdkafka calls the statistics handler from its poll loop, which the producer runs in the background.
        var text = await Eventually.ReturnsAsync(() => Task.FromResult(metrics.GetText()),
            t => Regex.IsMatch(t, "kafka_client_tx_messages_total\\{app=\"stats\",client=\"stats-test#producer-\\d+\"\\} 1\n"),
            TimeSpan.FromSeconds(20), "the producer's statistics to count its one message");

        Assert.Matches("kafka_client_tx_bytes_total\\{app=\"stats\",client=\"stats-test#producer-\\d+\"\\} [1-9]", text);
    }
}
