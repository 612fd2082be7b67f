using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Monitoring.Lib.Metrics;
using Monitoring.Lib.Redis;

namespace Monitoring.Lib.Tests.Redis;

/// <summary>
/// The Redis subscriber's <c>service</c> tag follows the same rule as the request points and the metrics <c>app</c>
/// label, so a host that sets <c>APP_NAME</c> (the AppHost sets the resource name) renames every series at once.
/// Only options are resolved: nothing connects to the address given.
/// </summary>
public sealed class RedisServiceNameTests
{
    [Theory]
    [InlineData(false, null, null, null, null, "AssemblyName")]
    [InlineData(false, "web", null, null, null, "web")]
    [InlineData(false, "web", "from-section", null, null, "from-section")]
    [InlineData(false, "web", null, "svc", null, "svc")]
    [InlineData(false, "web", null, "svc", "own", "own")]
    [InlineData(true, null, null, null, null, "AssemblyName")]
    [InlineData(true, "web", null, null, null, "web")]
    [InlineData(true, "web", "from-section", null, null, "from-section")]
    [InlineData(true, "web", null, "svc", null, "svc")]
    public void AddRedisSubscriber_NamesConfigured_ServiceNameFollowsTheOneRule(
        bool withMetrics, string? appNameVariable, string? metricsAppName, string? serviceName, string? redisServiceName, string expected)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { ApplicationName = "AssemblyName" });
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:redis"] = "127.0.0.1:1",
            ["APP_NAME"] = appNameVariable,
            ["Monitoring:Metrics:AppName"] = metricsAppName,
            ["Monitoring:ServiceName"] = serviceName,
            ["Monitoring:Redis:ServiceName"] = redisServiceName,
        };
        // A key present with a null value is not "unset" to the binder: leave the unset ones out.
        builder.Configuration.AddInMemoryCollection(settings.Where(setting => setting.Value is not null));
        if (withMetrics)
        {
            builder.AddMonitoringMetrics();
        }
        builder.AddRedisSubscriber();
        using var provider = builder.Services.BuildServiceProvider();

        Assert.Equal(expected, provider.GetRequiredService<IOptions<RedisSubscriberOptions>>().Value.ServiceName);
    }

    [Fact]
    public void AddRedisSubscriber_MetricsAppNameSetInCode_ServiceNameIsThatName()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { ApplicationName = "AssemblyName" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:redis"] = "127.0.0.1:1" });
        builder.Services.Configure<MetricsOptions>(o => o.AppName = "coded");
        builder.AddMonitoringMetrics();
        builder.AddRedisSubscriber();
        using var provider = builder.Services.BuildServiceProvider();

        Assert.Equal(("coded", "coded"), (provider.GetRequiredService<MetricsManager>().AppName,
            provider.GetRequiredService<IOptions<RedisSubscriberOptions>>().Value.ServiceName));
    }
}
