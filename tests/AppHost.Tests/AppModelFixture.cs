using Monitoring.Hosting;
using Monitoring.Hosting.Testing;

namespace Monitoring.AppHost.Tests;

/// <summary>The template's app model, exactly as the AppHost runs it, started once for the test class.</summary>
public sealed class AppModelFixture : IAsyncLifetime
{
    /// <summary>The infrastructure that runs without DevKafka; Kafka is waited for by its own tests.</summary>
    public static readonly string[] ServersWithoutKafka = ["redis", "influxdb", "metrics-cache", "prometheus"];

    public DistributedApplication App { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        App = await DistributedApplicationTestingBuilder.CreateAsync(AppModel.Configure, "--Hosting:StopTimeout=00:00:05");
        await App.StartAsync();
        await Task.WhenAll(ServersWithoutKafka.Select(name => App.WaitForResourceHealthyAsync(name, TimeSpan.FromSeconds(60))));
    }

    public async ValueTask DisposeAsync() => await App.DisposeAsync();
}
