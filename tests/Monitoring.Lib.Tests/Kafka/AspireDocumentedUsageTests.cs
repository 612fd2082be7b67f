using Confluent.Kafka;
using Microsoft.Extensions.DependencyInjection;
using Monitoring.Lib.Kafka;
using Monitoring.Lib.Metrics;

namespace Monitoring.Lib.Tests.Kafka;

[Collection(KafkaClusterDefinition.Name)]
public sealed class AspireDocumentedUsageTests(KafkaCluster cluster)
{
    [Fact]
    public async Task DocumentedUsage_ProducesAndConsumesThroughDevKafka_TheMonitoredClientsCountEveryMessage()
    {
        var topic = cluster.Unique("aspire");
        using var host = AspireDocumentedUsage.Build(cluster.Bootstrap, cluster.Unique("g"));

        var read = await host.Services.GetRequiredService<AspireDocumentedUsage.Relay>()
            .SendAndReadBackAsync(topic, ["one", "two", "three"], TestContext.Current.CancellationToken);

        Assert.Equal(["one", "three", "two"], read.Order(StringComparer.Ordinal));
        Assert.IsType<MonitoredProducer<string, string>>(host.Services.GetRequiredService<IProducer<string, string>>());
        Assert.IsType<MonitoredConsumer<string, string>>(host.Services.GetRequiredService<IConsumer<string, string>>());
        var text = host.Services.GetRequiredService<MetricsManager>().GetText();
        Assert.Contains($"messages_produced{{app=\"aspire-usage\",topic=\"{topic}\"}} 3\n", text, StringComparison.Ordinal);
        Assert.Contains($"messages_consumed{{app=\"aspire-usage\",topic=\"{topic}\"}} 3\n", text, StringComparison.Ordinal);
    }
}
