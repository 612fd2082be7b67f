
namespace DevKafka.Tests.Fixtures;

/// <summary>
/// One DevKafka (3 brokers; topics forms:4, forms.dlq:1, commits:1) shared by the tests that leave its brokers up.
/// Tests use their own consumer groups and, where they count messages, their own topic.
/// </summary>
public sealed class SharedCluster : IAsyncLifetime
{
    private DevKafkaServer? _server;

    internal DevKafkaServer Server => _server ?? throw new InvalidOperationException("The shared DevKafka has not started.");

    public string Bootstrap => Server.Bootstrap;

    public async ValueTask InitializeAsync()
    {
        _server = await DevKafkaServer.StartAsync("--topic", "forms:4", "--topic", "forms.dlq:1", "--topic", "commits:1");
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class SharedClusterDefinition : ICollectionFixture<SharedCluster>
{
    public const string Name = "shared DevKafka";
}
