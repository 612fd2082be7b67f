using Confluent.Kafka;

namespace Monitoring.TestUtilities;

/// <summary>Plain Confluent.Kafka clients for one test: produce inputs, read a topic back from its start.</summary>
public static class KafkaTopic
{
    public static async Task ProduceAsync(string bootstrap, string topic, string? key, string value, string? requestId = null)
    {
        using var producer = new ProducerBuilder<string?, string>(new ProducerConfig { BootstrapServers = bootstrap }).Build();
        var headers = new Headers();
        if (requestId is not null)
        {
            headers.Add("request_id", System.Text.Encoding.UTF8.GetBytes(requestId));
        }
        await producer.ProduceAsync(topic, new Message<string?, string> { Key = key, Value = value, Headers = headers });
    }

    /// <summary>Reads <paramref name="topic"/> from the start until <paramref name="count"/> messages arrived or 30 s passed.</summary>
    public static List<ConsumeResult<string, string>> Read(string bootstrap, string topic, int count)
    {
        using var consumer = new ConsumerBuilder<string, string>(new ConsumerConfig
        {
            BootstrapServers = bootstrap,
            GroupId = "reader-" + Guid.NewGuid().ToString("N"),
        }).Build();
        // Assigned, not subscribed: a group join costs seconds on the mock cluster.
        using (var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = bootstrap }).Build())
        {
            var partitions = admin.GetMetadata(topic, TimeSpan.FromSeconds(10)).Topics.Single().Partitions;
            consumer.Assign(partitions.Select(p => new TopicPartitionOffset(topic, p.PartitionId, Offset.Beginning)));
        }
        var read = new List<ConsumeResult<string, string>>();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (read.Count < count && DateTime.UtcNow < deadline)
        {
            if (consumer.Consume(TimeSpan.FromMilliseconds(200)) is { Message: not null } result)
            {
                read.Add(result);
            }
        }
        consumer.Close();
        return read;
    }

    /// <summary>How many messages were ever written to <paramref name="topic"/>: its partitions' high watermarks added up.</summary>
    public static long Written(string bootstrap, string topic)
    {
        using var consumer = new ConsumerBuilder<string, string>(new ConsumerConfig { BootstrapServers = bootstrap, GroupId = "watermarks" }).Build();
        return Partitions(bootstrap, topic)
            .Sum(p => consumer.QueryWatermarkOffsets(p, TimeSpan.FromSeconds(10)).High.Value);
    }

    /// <summary>How many messages of <paramref name="topic"/> group <paramref name="groupId"/> has committed, over all partitions.</summary>
    public static long Committed(string bootstrap, string topic, string groupId)
    {
        using var consumer = new ConsumerBuilder<string, string>(new ConsumerConfig { BootstrapServers = bootstrap, GroupId = groupId }).Build();
        // A partition never committed reads as Offset.Unset (negative): nothing committed there.
        return consumer.Committed(Partitions(bootstrap, topic), TimeSpan.FromSeconds(10)).Sum(c => Math.Max(c.Offset.Value, 0));
    }

    private static List<TopicPartition> Partitions(string bootstrap, string topic)
    {
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = bootstrap }).Build();
        return [.. admin.GetMetadata(topic, TimeSpan.FromSeconds(10)).Topics.Single().Partitions.Select(p => new TopicPartition(topic, p.PartitionId))];
    }
}
