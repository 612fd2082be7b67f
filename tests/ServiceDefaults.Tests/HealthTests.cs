using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using MonitoringStack.ServiceDefaults.Tests.Fixtures;

namespace MonitoringStack.ServiceDefaults.Tests;

/// <summary>/health and /alive of a real service against a real redis-server and influxd, taken away during the test.</summary>
public sealed class HealthTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Health_RedisClientsServerStopped_TurnsUnhealthyWhileAliveStaysHealthy()
    {
        await using var redis = new RedisServer("s3cret");
        await redis.StartAsync();
        // The check is Aspire's, registered with the client; /health runs it with the defaults' own checks.
        await using var service = await ServiceApp.StartAsync(
            new Dictionary<string, string?> { ["ConnectionStrings:redis"] = redis.ConnectionString },
            configureBuilder: b => b.AddRedisClient("redis", configureOptions: o => o.AbortOnConnectFail = false));

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
    public async Task Health_KafkaClientsPortAcceptsButIsNoKafka_KafkaCheckUnhealthyAndHealth503()
    {
        // A port that accepts connections but never answers Kafka's protocol: a TCP connect would call it healthy.
        using var notKafka = new TcpListener(IPAddress.Loopback, 0);
        notKafka.Start();
        var port = ((IPEndPoint)notKafka.LocalEndpoint).Port;
        // The check comes with the Kafka client's registration, named after the connection.
        await using var service = await ServiceApp.StartAsync(
            new Dictionary<string, string?> { ["ConnectionStrings:kafka"] = $"127.0.0.1:{port}" },
            configureBuilder: b => b.AddKafkaProducer<string, string>("kafka"));

        var report = await service.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HealthStatus.Unhealthy, report.Entries["kafka"].Status);
        Assert.StartsWith("No metadata within 3 s", report.Entries["kafka"].Description, StringComparison.Ordinal);
        Assert.Equal((503, "Unhealthy"), await service.GetAsync("/health"));
    }

    [Fact]
    public async Task AddServiceDefaults_ConnectionStringsButNoClients_RegistersOnlyTheLivenessCheck()
    {
        // Checks come with client registrations, never guessed from connection strings the service may not use.
        await using var service = await ServiceApp.StartAsync(new Dictionary<string, string?>
        {
            ["ConnectionStrings:kafka"] = "127.0.0.1:1",
            ["ConnectionStrings:redis"] = "127.0.0.1:1",
        });

        var report = await service.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(TestContext.Current.CancellationToken);

        Assert.Equal(["self"], report.Entries.Keys);
        Assert.Null(service.Services.GetService<Monitoring.Lib.Influx.InfluxRecorder>());
        Assert.Equal((200, "Healthy"), await service.GetAsync("/health"));
    }

    [Theory]
    [InlineData("Monitoring:Influx:Url", "influx:8086", "Monitoring:Influx:Url is 'influx:8086': it must be an absolute http or https URL.")]
    [InlineData("OTEL_EXPORTER_OTLP_PROTOCOL", "http/json", "OTEL_EXPORTER_OTLP_PROTOCOL is 'http/json': use grpc or http/protobuf.")]
    public async Task AddServiceDefaults_InvalidSetting_ThrowsNamingKeyAndValue(string key, string value, string message)
    {
        var settings = new Dictionary<string, string?> { [key] = value, ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "http://127.0.0.1:4318" };

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => ServiceApp.StartAsync(settings));

        Assert.Equal(message, error.Message);
    }
}
