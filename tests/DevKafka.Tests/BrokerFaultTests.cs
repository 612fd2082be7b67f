using System.Net;
using Confluent.Kafka;
using DevKafka.Tests.Fixtures;

namespace DevKafka.Tests;

/// <summary>Takes a broker down through the control endpoint: on its own DevKafka, so the shared one stays whole.</summary>
public sealed class BrokerFaultTests
{
    [Fact]
    public async Task SetBrokerDown_LeaderOfPartition_ProduceToItFailsUntilBrokerIsUp()
    {
        await using var server = await DevKafkaServer.StartAsync("--topic", "faults:6");
        var leaders = ReadLeaders(server.Bootstrap);
        // Leaders are placed by librdkafka; whichever broker leads partition 0 is the one taken down.
        var victim = leaders[0];
        var unaffected = leaders.FirstOrDefault(l => l.Value != victim);
        using var producer = KafkaClients.Producer(server.Bootstrap, messageTimeoutMs: 3000);
        var before = await producer.ProduceAsync(new TopicPartition("faults", 0), new Message<Null, string> { Value = "before" },
            TestContext.Current.CancellationToken);
        Assert.Equal(0, before.Offset.Value);

        using (var down = await server.PostAsync($"/brokers/{victim}/down"))
        {
            Assert.Equal(HttpStatusCode.NoContent, down.StatusCode);
        }
        Assert.Contains($"{{\"id\":{victim},\"up\":false}}",
            await server.Http.GetStringAsync(new Uri("/brokers", UriKind.Relative), TestContext.Current.CancellationToken), StringComparison.Ordinal);

        var failure = await Assert.ThrowsAsync<ProduceException<Null, string>>(() => producer.ProduceAsync(
            new TopicPartition("faults", 0), new Message<Null, string> { Value = "while down" }, TestContext.Current.CancellationToken));
        Assert.Equal(ErrorCode.Local_MsgTimedOut, failure.Error.Code);
        if (unaffected.Value != 0)
        {
            // Only the partitions the broker leads stall: another leader still takes messages.
            var elsewhere = await producer.ProduceAsync(new TopicPartition("faults", unaffected.Key), new Message<Null, string> { Value = "elsewhere" },
                TestContext.Current.CancellationToken);
            Assert.Equal(PersistenceStatus.Persisted, elsewhere.Status);
        }

        using (var up = await server.PostAsync($"/brokers/{victim}/up"))
        {
            Assert.Equal(HttpStatusCode.NoContent, up.StatusCode);
        }
        var after = await producer.ProduceAsync(new TopicPartition("faults", 0), new Message<Null, string> { Value = "after" },
            TestContext.Current.CancellationToken);

        Assert.Equal(PersistenceStatus.Persisted, after.Status);
        Assert.Equal(1, after.Offset.Value);
        Assert.Contains($"{{\"id\":{victim},\"up\":true}}",
            await server.Http.GetStringAsync(new Uri("/brokers", UriKind.Relative), TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    private static Dictionary<int, int> ReadLeaders(string bootstrap)
    {
        using var admin = KafkaClients.Admin(bootstrap);
        var topic = admin.GetMetadata("faults", TimeSpan.FromSeconds(10)).Topics.Single();
        Assert.Equal(6, topic.Partitions.Count);
        return topic.Partitions.ToDictionary(p => p.PartitionId, p => p.Leader);
    }
}
