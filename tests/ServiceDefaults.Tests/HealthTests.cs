using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Monitoring.Lib.Redis;
using Monitoring.Lib.Tests.Fixtures;
using Monitoring.ServiceDefaults.Tests.Fixtures;

namespace Monitoring.ServiceDefaults.Tests;

/// <summary>/health and /alive of a real service against a real redis-server and influxd, taken away during the test.</summary>
public sealed class HealthTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Health_RedisStopped_TurnsUnhealthyWhileAliveStaysHealthy()
    {
        await using var redis = new RedisServer("s3cret");
        await redis.StartAsync();
        await using var service = await ServiceApp.StartAsync(new Dictionary<string, string?> { ["ConnectionStrings:redis"] = redis.ConnectionString });

        Assert.Equal((200, "Healthy"), await service.GetAsync("/health"));
        await redis.StopAsync();

        await Eventually.TrueAsync(async () => await service.GetAsync("/health") == (503, "Unhealthy"), Wait, "/health to answer 503");
        Assert.Equal((200, "Healthy"), await service.GetAsync("/alive"));
    }

    [Fact]
    public async Task Health_InfluxStopped_TurnsUnhealthyAndNamesTheServer()
    {
        await using var influx = new InfluxServer("influx-health");
        await influx.StartAsync();
        await using var service = await ServiceApp.StartAsync(new Dictionary<string, string?>
        {
            ["Monitoring:Influx:Url"] = influx.Url,
            ["Monitoring:Influx:Database"] = "monitoring",
        });

        Assert.Equal((200, "Healthy"), await service.GetAsync("/health"));
        await influx.StopAsync();

        Assert.Equal((503, "Unhealthy"), await service.GetAsync("/health"));
        Assert.Equal((200, "Healthy"), await service.GetAsync("/alive"));
        var report = await service.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(TestContext.Current.CancellationToken);
        Assert.Equal(HealthStatus.Unhealthy, report.Entries["influxdb"].Status);
        Assert.StartsWith($"{influx.Url}/ping:", report.Entries["influxdb"].Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Health_WrongRedisPassword_IsUnhealthyWithTheServersAnswer()
    {
        await using var redis = new RedisServer("right");
        await redis.StartAsync();
        await using var service = await ServiceApp.StartAsync(new Dictionary<string, string?> { ["ConnectionStrings:redis"] = $"127.0.0.1:{redis.Port},password=wrong" });

        var report = await service.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HealthStatus.Unhealthy, report.Entries["redis"].Status);
        Assert.StartsWith($"Redis at 127.0.0.1:{redis.Port} rejected AUTH: WRONGPASS", report.Entries["redis"].Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Health_RedisFirstEndPointClosed_HealthyThroughTheSecond()
    {
        await using var redis = new RedisServer();
        await redis.StartAsync();
        var closed = FreePort.Next();
        await using var service = await ServiceApp.StartAsync(new Dictionary<string, string?> { ["ConnectionStrings:redis"] = $"127.0.0.1:{closed},127.0.0.1:{redis.Port}" });

        var report = await service.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HealthStatus.Healthy, report.Entries["redis"].Status);
        Assert.Equal($"PONG from 127.0.0.1:{closed},127.0.0.1:{redis.Port}", report.Entries["redis"].Description);
    }

    [Fact]
    public async Task Health_AppRegisteredRedisClient_ProbesThroughItsConnection()
    {
        await using var redis = new RedisServer();
        await redis.StartAsync();
        await using var service = await ServiceApp.StartAsync(
            new Dictionary<string, string?> { ["ConnectionStrings:redis"] = redis.ConnectionString }, configureBuilder: b => b.AddRedisClient());
        await using var admin = new RedisClient(redis.Options());
        var before = await ConnectionsReceivedAsync(admin);

        for (var probe = 0; probe < 3; probe++)
        {
            var report = await service.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(TestContext.Current.CancellationToken);
            Assert.Equal(HealthStatus.Healthy, report.Entries["redis"].Status);
        }

        // Three probes, one connection: the app's client opened it on the first and kept it.
        Assert.Equal(before + 1, await ConnectionsReceivedAsync(admin));
    }

    private static async Task<long> ConnectionsReceivedAsync(RedisClient admin)
    {
        var info = (await admin.ExecuteAsync("INFO", ["stats"], TestContext.Current.CancellationToken)).Text!;
        var line = info.Split("\r\n").Single(l => l.StartsWith("total_connections_received:", StringComparison.Ordinal));
        return long.Parse(line["total_connections_received:".Length..], System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task Health_KafkaBootstrapServers_DegradedWhenOneIsDownUnhealthyWhenAll()
    {
        using var up = new TcpListener(IPAddress.Loopback, 0);
        up.Start();
        var upPort = ((IPEndPoint)up.LocalEndpoint).Port;
        var downPort = FreePort.Next();
        await using var service = await ServiceApp.StartAsync(new Dictionary<string, string?> { ["ConnectionStrings:kafka"] = $"127.0.0.1:{upPort},127.0.0.1:{downPort}" });
        var checks = service.Services.GetRequiredService<HealthCheckService>();

        var report = await checks.CheckHealthAsync(TestContext.Current.CancellationToken);
        Assert.Equal(HealthStatus.Degraded, report.Entries["kafka"].Status);
        Assert.Contains($"127.0.0.1:{downPort}: ConnectionRefused", report.Entries["kafka"].Description, StringComparison.Ordinal);
        up.Stop();

        report = await checks.CheckHealthAsync(TestContext.Current.CancellationToken);
        Assert.Equal(HealthStatus.Unhealthy, report.Entries["kafka"].Status);
        Assert.Equal((503, "Unhealthy"), await service.GetAsync("/health"));
    }

    [Fact]
    public async Task AddServiceDefaults_NoConnectionStrings_RegistersOnlyTheLivenessCheck()
    {
        await using var service = await ServiceApp.StartAsync(new Dictionary<string, string?>());

        var report = await service.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(TestContext.Current.CancellationToken);

        Assert.Equal(["self"], report.Entries.Keys);
        Assert.Null(service.Services.GetService<Monitoring.Lib.Influx.InfluxRecorder>());
        Assert.Equal((200, "Healthy"), await service.GetAsync("/health"));
    }

    [Theory]
    [InlineData("ConnectionStrings:kafka", "broker-1", "ConnectionStrings:kafka is 'broker-1': 'broker-1' is not host:port with a port between 1 and 65535.")]
    [InlineData("ConnectionStrings:redis", "127.0.0.1:6379,password=hidden,ssl=maybe", "ConnectionStrings:redis is '127.0.0.1:6379,password=*****,ssl=maybe': ssl='maybe' is not true or false.")]
    [InlineData("Monitoring:Influx:Url", "influx:8086", "Monitoring:Influx:Url is 'influx:8086': it must be an absolute http or https URL.")]
    [InlineData("OTEL_EXPORTER_OTLP_PROTOCOL", "http/json", "OTEL_EXPORTER_OTLP_PROTOCOL is 'http/json': use grpc or http/protobuf.")]
    public async Task AddServiceDefaults_InvalidSetting_ThrowsNamingKeyAndValue(string key, string value, string message)
    {
        var settings = new Dictionary<string, string?> { [key] = value, ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "http://127.0.0.1:4318" };

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => ServiceApp.StartAsync(settings));

        Assert.Equal(message, error.Message);
    }
}
