
namespace Monitoring.Lib.Tests.Influx;

/// <summary>One influxd shared by the tests of <see cref="InfluxServerGroup"/> that do not stop it; each test uses its own database.</summary>
public sealed class InfluxServerFixture : IAsyncLifetime
{
    internal InfluxServer Server { get; } = new("influx-shared");

    public async ValueTask InitializeAsync() => await Server.StartAsync();

    public async ValueTask DisposeAsync() => await Server.DisposeAsync();
}
