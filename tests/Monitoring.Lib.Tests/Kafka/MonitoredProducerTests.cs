using System.Net;
using Confluent.Kafka;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Monitoring.Lib.Kafka;
using Monitoring.Lib.Metrics;
using Monitoring.Lib.Tests.Metrics;

namespace Monitoring.Lib.Tests.Kafka;

[Collection(KafkaClusterDefinition.Name)]
public sealed class MonitoredProducerTests(KafkaCluster cluster)
{
    [Fact]
    public async Task ProduceAsync_ThreeDelivered_CountsThreeAndMessagesArrive()
    {
        var topic = cluster.Unique("produce");
        using var metrics = TestMetrics.CreateManager("writer");
        using (var producer = new MonitoredProducer<string, string>(cluster.Settings().ToProducerConfig(), metrics))
        {
            for (var i = 0; i < 2; i++)
            {
                var result = await producer.ProduceAsync(topic, new Message<string, string> { Key = "k", Value = $"v{i}" },
                    TestContext.Current.CancellationToken);
                Assert.Equal(PersistenceStatus.Persisted, result.Status);
            }
            var reports = new List<DeliveryReport<string, string>>();
            producer.Produce(topic, new Message<string, string> { Key = "k", Value = "v2" }, r => { lock (reports) { reports.Add(r); } });
            Assert.Equal(0, producer.Flush(TimeSpan.FromSeconds(10)));
            Assert.False(Assert.Single(reports).Error.IsError);
        }

        Assert.Equal(["v0", "v1", "v2"], cluster.ReadAll(topic, 3).Select(m => m.Message.Value).Order());
        var text = metrics.GetText();
        Assert.Contains($"messages_produced{{app=\"writer\",topic=\"{topic}\"}} 3\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("messages_errors{", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Produce_LeaderOfPartitionDown_CountsErrorByCodeAndNothingProduced()
    {
        // Its own DevKafka: taking a broker down would disturb the shared one.
        await using var server = await DevKafkaServer.StartAsync("--topic", "faults:3");
        var settings = KafkaCluster.ForBootstrap(server.Bootstrap);
        settings.Properties["message.timeout.ms"] = "1000";
        using var metrics = TestMetrics.CreateManager("writer");
        using var producer = new MonitoredProducer<string, string>(settings.ToProducerConfig(), metrics) { DisposeFlushTimeout = TimeSpan.Zero };
        var leader = LeaderOfPartitionZero(server.Bootstrap);
        using (var down = await server.PostAsync($"/brokers/{leader}/down"))
        {
            Assert.Equal(HttpStatusCode.NoContent, down.StatusCode);
        }
        var partition = new TopicPartition("faults", 0);

        var failure = await Assert.ThrowsAsync<ProduceException<string, string>>(() => producer.ProduceAsync(
            partition, new Message<string, string> { Key = "k", Value = "lost" }, TestContext.Current.CancellationToken));
        var reports = new List<DeliveryReport<string, string>>();
        producer.Produce(partition, new Message<string, string> { Key = "k", Value = "lost too" }, r => { lock (reports) { reports.Add(r); } });
        Assert.Equal(0, producer.Flush(TimeSpan.FromSeconds(10)));

        Assert.Equal(ErrorCode.Local_MsgTimedOut, failure.Error.Code);
        Assert.Equal(ErrorCode.Local_MsgTimedOut, Assert.Single(reports).Error.Code);
        var text = metrics.GetText();
        Assert.Contains("messages_errors{app=\"writer\",exception=\"Local_MsgTimedOut\"} 2\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("messages_produced{", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddKafkaProducer_ResolvedFromHost_ProducesAndCountsInTheHostsManager()
    {
        var topic = cluster.Unique("hosted");
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { ApplicationName = "hosted-app" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:kafka"] = cluster.Bootstrap,
            ["Monitoring:Metrics:PushEnabled"] = "false",
        });
        builder.AddKafkaProducer<string, string>("kafka");
        using var host = builder.Build();

        var producer = host.Services.GetRequiredService<MonitoredProducer<string, string>>();
        await producer.ProduceAsync(topic, new Message<string, string> { Key = "k", Value = "v" }, TestContext.Current.CancellationToken);

        Assert.Contains($"messages_produced{{app=\"hosted-app\",topic=\"{topic}\"}} 1\n",
            host.Services.GetRequiredService<MetricsManager>().GetText(), StringComparison.Ordinal);
    }

    private static int LeaderOfPartitionZero(string bootstrap)
    {
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = bootstrap }).Build();
        return admin.GetMetadata("faults", TimeSpan.FromSeconds(10)).Topics.Single().Partitions.Single(p => p.PartitionId == 0).Leader;
    }
}
