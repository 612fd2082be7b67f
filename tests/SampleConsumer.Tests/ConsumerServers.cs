
namespace MonitoringStack.SampleConsumer.Tests;

/// <summary>One DevKafka and one redis-server for the collection; each test uses its own topics and channels.</summary>
public sealed class ConsumerServers : IAsyncLifetime
{
    private DevKafkaServer? _kafka;
    private int _next;

    internal RedisServer Redis { get; } = new();

    public string Bootstrap => Kafka.Bootstrap;

    public DevKafkaServer Kafka => _kafka ?? throw new InvalidOperationException("DevKafka has not started.");

    /// <summary>A name no other test uses.</summary>
    public string Unique(string prefix) => $"{prefix}-{Interlocked.Increment(ref _next)}-{Guid.NewGuid():N}"[..(prefix.Length + 12)];

    public async ValueTask InitializeAsync()
    {
        await Task.WhenAll(Redis.StartAsync(), Task.Run(async () => _kafka = await DevKafkaServer.StartAsync()));
    }

    public async ValueTask DisposeAsync()
    {
        await Redis.DisposeAsync();
        if (_kafka is not null)
        {
            await _kafka.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class ConsumerServersGroup : ICollectionFixture<ConsumerServers>
{
    public const string Name = "SampleConsumer on DevKafka and Redis";
}
