using Monitoring.Lib.Kafka;

namespace MonitoringStack.SampleWebProducer.Tests;

/// <summary>DevKafka, redis-server and influxd for the collection, and one web producer started on them.</summary>
public sealed class ProducerServers : IAsyncLifetime
{
    public const string ApiKey = "test-api-key-0123456789";
    public const string Database = "monitoring";
    public const string Topic = "forms-under-test";
    private DevKafkaServer? _kafka;
    private ProducerApp? _app;

    internal RedisServer Redis { get; } = new();

    internal InfluxServer Influx { get; } = new();

    public string Bootstrap => _kafka?.Bootstrap ?? throw new InvalidOperationException("DevKafka has not started.");

    internal ProducerApp App => _app ?? throw new InvalidOperationException("The producer has not started.");

    public async ValueTask InitializeAsync()
    {
        await Task.WhenAll(Redis.StartAsync(), Influx.StartAsync(), Task.Run(async () => _kafka = await DevKafkaServer.StartAsync()));
        await Influx.CreateDatabaseAsync(Database);
        _app = await ProducerApp.StartAsync(AppSettings());
    }

    /// <summary>The settings of the collection's producer, for a test that starts its own with some changed.</summary>
    internal Dictionary<string, string?> AppSettings() => new()
    {
        ["ConnectionStrings:kafka"] = Bootstrap,
        ["ConnectionStrings:redis"] = Redis.ConnectionString,
        ["Monitoring:Metrics:PushEnabled"] = "false",
        ["Monitoring:Influx:Url"] = Influx.Url,
        ["Monitoring:Influx:Database"] = Database,
        ["Monitoring:Influx:FlushInterval"] = "00:00:00.200",
        ["Forms:ApiKey"] = ApiKey,
        ["Forms:Topic"] = Topic,
        ["Forms:MaxBodyBytes"] = "1024",
    };

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
        await Redis.DisposeAsync();
        await Influx.DisposeAsync();
        if (_kafka is not null)
        {
            await _kafka.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class ProducerServersGroup : ICollectionFixture<ProducerServers>
{
    public const string Name = "SampleWebProducer on DevKafka, Redis and InfluxDB";
}
