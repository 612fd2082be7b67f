using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Monitoring.Lib.Redis;

namespace Monitoring.Lib.Tests.Redis;

/// <summary>
/// The behaviours of Aspire's component conformance tests that apply to the Redis subscriber (its registration tests
/// cover the rest: the missing connection named at the first resolve, options validated at start, keyed subscribers on
/// two servers). It has no health check or telemetry provider of its own: Aspire's Redis client under it has them. Not
/// covered here: its logging, which is the container's <c>ILogger&lt;RedisSubscriber&gt;</c> by construction.
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

    private static HostApplicationBuilder Builder(params (string Key, string Value)[] settings)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { ApplicationName = "conformance" });
        builder.Configuration.AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)));
        builder.Services.AddLogging();
        return builder;
    }
}
