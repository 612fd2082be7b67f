using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Monitoring.Lib.Redis;

namespace Monitoring.Lib.Tests.Redis;

/// <summary>
/// The behaviours of Aspire's component conformance tests that apply to the Redis subscriber (its registration tests
/// cover the rest: the missing connection named at the first resolve, options validated at start, keyed subscribers on
/// two servers). Its health check (a PING on the subscription connection) is its own; tracing is Aspire's Redis client's.
/// Not covered here: its logging, which is the container's <c>ILogger&lt;RedisSubscriber&gt;</c> by construction.
/// </summary>
[Collection(RedisServerGroup.Name)]
public sealed class RedisSubscriberConformanceTests(RedisServerFixture fixture)
{
    [Fact]
    public void OptionsClass_IsSealed() => Assert.True(typeof(RedisSubscriberOptions).IsSealed);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Subscriber_IsASingleton(bool keyed)
    {
        var builder = Builder(("ConnectionStrings:redis", fixture.Server.ConnectionString));
        if (keyed)
        {
            builder.AddKeyedRedisClient("redis");
            builder.AddKeyedRedisSubscriber("redis");
        }
        else
        {
            builder.AddRedisClient("redis");
            builder.AddRedisSubscriber();
        }
        using var host = builder.Build();

        RedisSubscriber Resolve() => keyed ? host.Services.GetRequiredKeyedService<RedisSubscriber>("redis") : host.Services.GetRequiredService<RedisSubscriber>();

        Assert.Same(Resolve(), Resolve());
        Assert.Equal(ServiceLifetime.Singleton, Assert.Single(builder.Services, d => d.ServiceType == typeof(RedisSubscriber)).Lifetime);
    }

    [Fact]
    public void KeyedSubscribers_DistinctInstancesAndNoneWithoutItsKey()
    {
        var builder = Builder(("ConnectionStrings:one", fixture.Server.ConnectionString), ("ConnectionStrings:two", fixture.Server.ConnectionString));
        builder.AddKeyedRedisClient("one");
        builder.AddKeyedRedisClient("two");
        builder.AddKeyedRedisSubscriber("one");
        builder.AddKeyedRedisSubscriber("two");
        using var host = builder.Build();

        Assert.NotSame(host.Services.GetRequiredKeyedService<RedisSubscriber>("one"), host.Services.GetRequiredKeyedService<RedisSubscriber>("two"));
        Assert.Null(host.Services.GetService<RedisSubscriber>());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task HealthCheck_RegisteredUnlessDisabled_HealthyWithTheServer(bool disabled)
    {
        var builder = Builder(("ConnectionStrings:redis", fixture.Server.ConnectionString), ("Monitoring:Redis:DisableHealthChecks", disabled ? "true" : "false"));
        builder.AddRedisClient("redis", settings => settings.DisableHealthChecks = true);
        builder.AddRedisSubscriber();
        using var host = builder.Build();

        var report = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(TestContext.Current.CancellationToken);

        Assert.Equal(disabled ? [] : ["redis-subscriber"], report.Entries.Keys);
        Assert.Equal(HealthStatus.Healthy, report.Status);
    }

    [Fact]
    public async Task KeyedSubscribers_EachRegistersItsOwnHealthCheck()
    {
        var builder = Builder(("ConnectionStrings:one", fixture.Server.ConnectionString), ("ConnectionStrings:two", fixture.Server.ConnectionString));
        builder.AddKeyedRedisClient("one", settings => settings.DisableHealthChecks = true);
        builder.AddKeyedRedisClient("two", settings => settings.DisableHealthChecks = true);
        builder.AddKeyedRedisSubscriber("one");
        builder.AddKeyedRedisSubscriber("two");
        using var host = builder.Build();

        var report = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(TestContext.Current.CancellationToken);

        Assert.Equal(["redis-subscriber_one", "redis-subscriber_two"], report.Entries.Keys.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData(null, HealthStatus.Unhealthy)]
    [InlineData("Degraded", HealthStatus.Degraded)]
    public async Task HealthCheck_NoServerListening_ReportsTheConfiguredFailureStatus(string? failureStatus, HealthStatus expected)
    {
        var builder = Builder(("ConnectionStrings:redis", $"127.0.0.1:{FreePort.Next()},abortConnect=false,connectTimeout=500"));
        if (failureStatus is not null)
        {
            builder.Configuration["Monitoring:Redis:HealthCheckFailureStatus"] = failureStatus;
        }
        builder.AddRedisClient("redis", settings => settings.DisableHealthChecks = true);
        builder.AddRedisSubscriber();
        using var host = builder.Build();

        var report = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(TestContext.Current.CancellationToken);

        Assert.Equal(expected, report.Entries["redis-subscriber"].Status);
    }

    private static HostApplicationBuilder Builder(params (string Key, string Value)[] settings)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { ApplicationName = "conformance" });
        builder.Configuration.AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)));
        builder.Services.AddLogging();
        return builder;
    }
}
