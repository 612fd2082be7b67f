
namespace Monitoring.Lib.Tests.Redis;

/// <summary>One redis-server shared by the tests that neither stop it nor pause it; each test uses its own keys and channels.</summary>
public sealed class RedisServerFixture : IAsyncLifetime
{
    internal RedisServer Server { get; } = new(name: "redis-shared");

    public async ValueTask InitializeAsync() => await Server.StartAsync();

    public async ValueTask DisposeAsync() => await Server.DisposeAsync();
}
