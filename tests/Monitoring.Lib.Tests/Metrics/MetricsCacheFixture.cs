
namespace Monitoring.Lib.Tests.Metrics;

/// <summary>Two Pushgateway replicas and a Prometheus scraping both, shared by the tests that do not kill a server.</summary>
public sealed class MetricsCacheFixture : IAsyncLifetime
{
    internal PushgatewayServer ReplicaA { get; private set; } = null!;

    internal PushgatewayServer ReplicaB { get; private set; } = null!;

    internal PrometheusServer Prometheus { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        ReplicaA = await PushgatewayServer.StartNewAsync("pushgateway-a");
        ReplicaB = await PushgatewayServer.StartNewAsync("pushgateway-b");
        Prometheus = await PrometheusServer.StartNewAsync([$"127.0.0.1:{ReplicaA.Port}", $"127.0.0.1:{ReplicaB.Port}"]);
    }

    public async ValueTask DisposeAsync()
    {
        // Each server is stopped even if another one fails to stop.
        await DisposeQuietly(Prometheus);
        await DisposeQuietly(ReplicaA);
        await DisposeQuietly(ReplicaB);
    }

    private static async Task DisposeQuietly(IAsyncDisposable? server)
    {
        if (server is null)
        {
            return;
        }
        try
        {
            await server.DisposeAsync();
        }
        catch (InvalidOperationException)
        {
            // Already gone; nothing left to stop.
        }
    }
}

/// <summary>The tests sharing <see cref="MetricsCacheFixture"/>.</summary>
[CollectionDefinition(Name)]
public sealed class MetricsCacheGroup : ICollectionFixture<MetricsCacheFixture>
{
    public const string Name = "metrics cache";
}
