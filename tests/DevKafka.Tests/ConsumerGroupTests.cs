using Confluent.Kafka;
using DevKafka.Tests.Fixtures;

namespace DevKafka.Tests;

[Collection(SharedClusterDefinition.Name)]
public sealed class ConsumerGroupTests(SharedCluster cluster)
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(100);

    [Fact]
    public async Task Subscribe_TwoConsumersInOneGroup_SplitPartitionsAndReadEveryMessageOnce()
    {
        using var first = KafkaClients.Consumer(cluster.Bootstrap, "split");
        using var second = KafkaClients.Consumer(cluster.Bootstrap, "split");
        first.Subscribe("forms");
        second.Subscribe("forms");
        var received = new List<(int Consumer, int Partition, string Value)>();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!(first.Assignment.Count == 2 && second.Assignment.Count == 2) && DateTime.UtcNow < deadline)
        {
            Keep(received, 1, first.Consume(Poll));
            Keep(received, 2, second.Consume(Poll));
        }
        Assert.Equal([0, 1, 2, 3], first.Assignment.Concat(second.Assignment).Select(p => p.Partition.Value).Order());

        // Produced only now, so no message was read before the group settled and none can be read twice.
        using var producer = KafkaClients.Producer(cluster.Bootstrap);
        for (var i = 0; i < 40; i++)
        {
            var result = await producer.ProduceAsync(new TopicPartition("forms", i % 4), new Message<Null, string> { Value = $"form-{i}" },
                TestContext.Current.CancellationToken);
            Assert.Equal(PersistenceStatus.Persisted, result.Status);
        }
        deadline = DateTime.UtcNow.AddSeconds(30);
        while (received.Count < 40 && DateTime.UtcNow < deadline)
        {
            Keep(received, 1, first.Consume(Poll));
            Keep(received, 2, second.Consume(Poll));
        }

        Assert.Equal(Enumerable.Range(0, 40).Select(i => $"form-{i}").Order(), received.Select(r => r.Value).Order());
        var firstPartitions = first.Assignment.Select(p => p.Partition.Value).ToHashSet();
        Assert.All(received, r => Assert.Equal(r.Consumer == 1, firstPartitions.Contains(r.Partition)));
        Assert.Equal(20, received.Count(r => r.Consumer == 1));
        first.Close();
        second.Close();
    }

    [Fact]
    public async Task Consume_NewConsumerOfGroup_ResumesAfterCommittedOffset()
    {
        using (var producer = KafkaClients.Producer(cluster.Bootstrap))
        {
            for (var i = 0; i < 10; i++)
            {
                await producer.ProduceAsync("commits", new Message<Null, string> { Value = $"m{i}" }, TestContext.Current.CancellationToken);
            }
        }
        var partition = new TopicPartition("commits", 0);

        using (var reader = KafkaClients.Consumer(cluster.Bootstrap, "resume", autoCommit: false))
        {
            reader.Subscribe("commits");
            var read = new List<string>();
            ConsumeResult<Ignore, string>? last = null;
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (read.Count < 5 && DateTime.UtcNow < deadline)
            {
                if (reader.Consume(Poll) is { } result)
                {
                    read.Add(result.Message.Value);
                    last = result;
                }
            }
            Assert.Equal(["m0", "m1", "m2", "m3", "m4"], read);
            reader.Commit(last);
            Assert.Equal(5, reader.Committed([partition], TimeSpan.FromSeconds(10)).Single().Offset.Value);
            reader.Close();
        }

        using var successor = KafkaClients.Consumer(cluster.Bootstrap, "resume", autoCommit: false);
        successor.Subscribe("commits");
        ConsumeResult<Ignore, string>? next = null;
        var until = DateTime.UtcNow.AddSeconds(30);
        while (next is null && DateTime.UtcNow < until)
        {
            next = successor.Consume(Poll);
        }
        Assert.NotNull(next);
        Assert.Equal("m5", next.Message.Value);
        Assert.Equal(5, next.Offset.Value);
        successor.Close();
    }

    private static void Keep(List<(int, int, string)> received, int consumer, ConsumeResult<Ignore, string>? result)
    {
        if (result is not null)
        {
            received.Add((consumer, result.Partition.Value, result.Message.Value));
        }
    }
}
