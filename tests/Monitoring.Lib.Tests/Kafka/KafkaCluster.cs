using Confluent.Kafka;
using Monitoring.Lib.Kafka;

namespace Monitoring.Lib.Tests.Kafka;

/// <summary>
/// One DevKafka (3 brokers) shared by the Kafka helper tests that leave its brokers up. Each test uses its own topics
/// (auto-created with 4 partitions) and consumer groups, so counts never mix.
/// </summary>
public sealed class KafkaCluster : IAsyncLifetime
{
    private DevKafkaServer? _server;
    private int _next;

    public string Bootstrap => Server.Bootstrap;

    public DevKafkaServer Server => _server ?? throw new InvalidOperationException("DevKafka has not started.");

    /// <summary>A topic or group name no other test uses.</summary>
    public string Unique(string prefix) => $"{prefix}-{Interlocked.Increment(ref _next)}-{Guid.NewGuid():N}"[..(prefix.Length + 12)];

    public async ValueTask InitializeAsync()
    {
        _server = await DevKafkaServer.StartAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    /// <summary>Settings for this cluster with the short timeouts a test needs (group joins within a second or two).</summary>
    public KafkaSettings Settings(string? groupId = null) => ForBootstrap(Bootstrap, groupId);

    public static KafkaSettings ForBootstrap(string bootstrap, string? groupId = null)
    {
        // Plain Confluent.Kafka clients built from these settings need the native library too.
        var settings = new KafkaSettings { BootstrapServers = bootstrap, GroupId = groupId, StatisticsInterval = TimeSpan.Zero };
        settings.Properties["auto.offset.reset"] = "earliest";
        settings.Properties["heartbeat.interval.ms"] = "300";
        settings.Properties["session.timeout.ms"] = "6000";
        settings.Properties["message.timeout.ms"] = "10000";
        settings.Properties["reconnect.backoff.max.ms"] = "500";
        return settings;
    }

    /// <summary>Produces <paramref name="values"/> to <paramref name="topic"/> with a plain producer and waits for each delivery.</summary>
    public async Task ProduceAsync(string topic, IEnumerable<string> values, Timestamp? timestamp = null)
    {
        using var producer = new ProducerBuilder<string, string>(Settings().ToProducerConfig()).Build();
        foreach (var value in values)
        {
            await producer.ProduceAsync(topic, new Message<string, string> { Key = value, Value = value, Timestamp = timestamp ?? Timestamp.Default });
        }
    }

    /// <summary>The names of the cluster's topics, in order.</summary>
    public List<string> TopicNames()
    {
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = Bootstrap }).Build();
        return [.. admin.GetMetadata(TimeSpan.FromSeconds(10)).Topics.Select(t => t.Topic).Order(StringComparer.Ordinal)];
    }

    /// <summary>Reads <paramref name="topic"/> from the start until <paramref name="count"/> messages arrived (bounded by 30 s).</summary>
    public List<ConsumeResult<string, string>> ReadAll(string topic, int count) => ReadUntil(topic, read => read.Count >= count);

    /// <summary>Reads <paramref name="topic"/> from the start until <paramref name="enough"/> says so (bounded by 30 s).</summary>
    public List<ConsumeResult<string, string>> ReadUntil(string topic, Func<List<ConsumeResult<string, string>>, bool> enough)
    {
        using var consumer = new ConsumerBuilder<string, string>(Settings(Unique("reader")).ToConsumerConfig()).Build();
        // Assigned rather than subscribed: no group join, which costs seconds on the mock cluster.
        using (var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = Bootstrap }).Build())
        {
            var partitions = admin.GetMetadata(topic, TimeSpan.FromSeconds(10)).Topics.Single().Partitions;
            consumer.Assign(partitions.Select(p => new TopicPartitionOffset(topic, p.PartitionId, Offset.Beginning)));
        }
        var read = new List<ConsumeResult<string, string>>();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!enough(read) && DateTime.UtcNow < deadline)
        {
            if (consumer.Consume(TimeSpan.FromMilliseconds(200)) is { Message: not null } result)
            {
                read.Add(result);
            }
        }
        consumer.Close();
        return read;
    }
}

[CollectionDefinition(Name)]
public sealed class KafkaClusterDefinition : ICollectionFixture<KafkaCluster>
{
    public const string Name = "Kafka helpers on DevKafka";
}
