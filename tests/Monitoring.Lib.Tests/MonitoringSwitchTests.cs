using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Monitoring.Lib.AspNetCore;
using Monitoring.Lib.Influx;
using Monitoring.Lib.Kafka;
using Monitoring.Lib.Metrics;

namespace Monitoring.Lib.Tests;

/// <summary>Monitoring:Enabled switches every sending part off at once; each case is checked against the switch on.</summary>
public sealed class MonitoringSwitchTests
{
    [Theory]
    [InlineData(null, true)]
    [InlineData("true", true)]
    [InlineData("False", false)]
    public void Switch_Value_DecidesPushInfluxAndKafkaStatistics(string? enabled, bool expectedOn)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ApplicationName = "orders", DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Monitoring:Enabled"] = enabled,
            ["Monitoring:Metrics:PushEnabled"] = "true",
            ["Monitoring:Influx:Url"] = "http://127.0.0.1:8086",
            ["Monitoring:Influx:Database"] = "monitoring",
            ["ConnectionStrings:kafka"] = "127.0.0.1:9092",
            ["Monitoring:Kafka:StatisticsInterval"] = "00:00:05",
        });

        builder.AddMonitoringMetrics();
        builder.AddInfluxPoints();
        var kafka = builder.AddKafkaSettings();
        using var services = builder.Services.BuildServiceProvider();

        Assert.Equal(expectedOn, services.GetRequiredService<IOptions<MetricsOptions>>().Value.PushEnabled);
        Assert.Equal(expectedOn, services.GetService<InfluxRecorder>() is not null);
        Assert.Equal(expectedOn ? 5_000 : null, kafka.ToProducerConfig().StatisticsIntervalMs);
        // The counters stay usable either way: code that increments them needs no switch of its own.
        services.GetRequiredService<MetricsManager>().CountConsumed("forms");
        Assert.Contains("messages_consumed{app=\"orders\",topic=\"forms\"} 1\n", services.GetRequiredService<MetricsManager>().GetText(), StringComparison.Ordinal);
    }

    [Fact]
    public void Switch_NotABoolean_ErrorNamesKeyAndValue()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Monitoring:Enabled"] = "off" }).Build();

        var error = Assert.Throws<InvalidOperationException>(() => MonitoringSections.IsEnabled(configuration));

        Assert.Equal("Monitoring:Enabled is 'off': use true or false.", error.Message);
    }

    [Theory]
    [InlineData("true", "req-7")]
    [InlineData("false", null)]
    public async Task RequestMonitoring_Switch_AddsTheMiddlewareOnlyWhenOn(string enabled, string? expectedEcho)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Monitoring:Enabled"] = enabled });
        await using var app = builder.Build();
        app.UseRequestMonitoring(options => options.ServiceName = "orders");
        app.MapGet("/items", () => Results.Ok());
        await app.StartAsync(TestContext.Current.CancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        using var client = new HttpClient { BaseAddress = new Uri(address) };

        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/items", UriKind.Relative));
        request.Headers.Add("X-Request-Id", "req-7");
        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal(expectedEcho, response.Headers.TryGetValues("X-Request-Id", out var echoed) ? echoed.Single() : null);
        await app.StopAsync(TestContext.Current.CancellationToken);
    }
}
