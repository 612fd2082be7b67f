using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Monitoring.Lib.Redis;
using StackExchange.Redis;
using static Monitoring.Lib.Tests.Redis.RedisSubscriberTests;

namespace Monitoring.Lib.Tests.Redis;

/// <summary><c>AddRedisSubscriber</c> over Aspire's <c>AddRedisClient</c>, as a service's setup calls them.</summary>
[Collection(RedisServerGroup.Name)]
public sealed class RedisRegistrationTests(RedisServerFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AddRedisSubscriber_OverAspiresClient_ReceivesAndRecordsWithTheAppsServiceName()
    {
        var recorder = new RecordingPointRecorder();
        var builder = Builder(("ConnectionStrings:redis", fixture.Server.ConnectionString));
        builder.Services.AddSingleton<IRedisPointRecorder>(recorder);
        builder.AddRedisClient("redis");
        builder.AddRedisSubscriber();
        using var host = builder.Build();
        await host.StartAsync(Ct);

        var received = Received(out var handler);
        await using var subscription = await host.Services.GetRequiredService<RedisSubscriber>().SubscribeAsync("registration:1", handler, Ct);
        Assert.Equal(1, await Publish(host.Services.GetRequiredService<IConnectionMultiplexer>(), "registration:1", "hi"));

        Assert.Equal("hi", (await received.ReadAsync(Ct)).PayloadText);
        await Eventually.TrueAsync(() => !recorder.Messages.IsEmpty, Wait, "the published message to be handled");
        Assert.Equal(("RegistrationApp", "registration:1"), (recorder.Messages.Single().Service, recorder.Messages.Single().Channel));
        await host.StopAsync(Ct);
    }

    [Fact]
    public async Task AddKeyedRedisSubscriber_TwoServers_EachSubscriberHearsItsOwn()
    {
        await using var other = new RedisServer(name: "redis-keyed");
        await other.StartAsync();
        var builder = Builder(("ConnectionStrings:events", fixture.Server.ConnectionString), ("ConnectionStrings:audit", other.ConnectionString));
        builder.AddKeyedRedisClient("events");
        builder.AddKeyedRedisClient("audit");
        builder.AddKeyedRedisSubscriber("events");
        builder.AddKeyedRedisSubscriber("audit");
        using var host = builder.Build();
        var eventsReceived = Received(out var eventsHandler);
        var auditReceived = Received(out var auditHandler);

        await using var events = await host.Services.GetRequiredKeyedService<RedisSubscriber>("events").SubscribeAsync("keyed:1", eventsHandler, Ct);
        await using var audit = await host.Services.GetRequiredKeyedService<RedisSubscriber>("audit").SubscribeAsync("keyed:1", auditHandler, Ct);
        Assert.Equal(1, await Publish(host.Services.GetRequiredKeyedService<IConnectionMultiplexer>("events"), "keyed:1", "to events"));
        Assert.Equal(1, await Publish(host.Services.GetRequiredKeyedService<IConnectionMultiplexer>("audit"), "keyed:1", "to audit"));

        Assert.Equal("to events", (await eventsReceived.ReadAsync(Ct)).PayloadText);
        Assert.Equal("to audit", (await auditReceived.ReadAsync(Ct)).PayloadText);
    }

    [Fact]
    public void AddRedisSubscriber_Twice_RefusedNamingTheKeyedVariant()
    {
        var builder = Builder(("ConnectionStrings:redis", fixture.Server.ConnectionString));
        builder.AddRedisSubscriber();

        var error = Assert.Throws<InvalidOperationException>(() => builder.AddRedisSubscriber());

        Assert.Contains("AddKeyedRedisSubscriber(name)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddRedisSubscriber_WithoutAspiresClient_ResolvingNamesTheMissingCall()
    {
        var builder = Builder();
        builder.AddRedisSubscriber();
        using var provider = builder.Services.BuildServiceProvider();

        var error = Assert.Throws<InvalidOperationException>(() => provider.GetRequiredService<RedisSubscriber>());

        Assert.Equal("The Redis subscriber needs a Redis connection: call builder.AddRedisClient(\"redis\") (Aspire.StackExchange.Redis) in the service's setup.", error.Message);
    }

    [Fact]
    public async Task AddRedisSubscriber_InvalidOptions_StartFailsNamingKeyAndValue()
    {
        var builder = Builder(("ConnectionStrings:redis", fixture.Server.ConnectionString), ("Monitoring:Redis:LogEveryNthFailure", "0"));
        builder.AddRedisClient("redis");
        builder.AddRedisSubscriber();
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(Ct));

        Assert.Equal("Monitoring:Redis:LogEveryNthFailure must be at least 1, not 0.", error.Message);
    }

    [Fact]
    public void AddRedisSubscriber_Delegate_RunsAfterTheSection()
    {
        var builder = Builder(("ConnectionStrings:redis", fixture.Server.ConnectionString), ("Monitoring:Redis:LogEveryNthFailure", "5"),
            ("Monitoring:Redis:ServiceName", "relay"));
        builder.AddRedisClient("redis");
        builder.AddRedisSubscriber(settings => settings.LogEveryNthFailure = 9);
        using var host = builder.Build();

        var options = host.Services.GetRequiredService<IOptions<RedisSubscriberOptions>>().Value;

        Assert.Equal(("relay", 9), (options.ServiceName, options.LogEveryNthFailure));
    }

    private static HostApplicationBuilder Builder(params (string Key, string Value)[] settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ApplicationName = "RegistrationApp", DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)));
        return builder;
    }
}
