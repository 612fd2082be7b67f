using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Monitoring.Lib.Redis;

namespace Monitoring.Lib.Tests.Redis;

[Collection(RedisServerGroup.Name)]
public sealed class RedisRegistrationTests(RedisServerFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AddRedisClient_ConnectionStringFromConfiguration_ClientAndSubscriberWork()
    {
        var recorder = new RecordingPointRecorder();
        var builder = Builder(("ConnectionStrings:redis", fixture.Server.ConnectionString));
        builder.Services.AddSingleton<IRedisPointRecorder>(recorder);
        builder.AddRedisClient();
        builder.AddRedisClient();
        using var host = builder.Build();
        await host.StartAsync(Ct);

        var client = host.Services.GetRequiredService<RedisClient>();
        var subscriber = host.Services.GetRequiredService<RedisSubscriber>();
        await subscriber.SubscribeAsync("registration:1", Ct);
        Assert.Equal(1, await client.PublishAsync("registration:1", "hi", Ct));
        Assert.Equal("hi", (await subscriber.Messages.ReadAsync(Ct)).PayloadText);

        Assert.Single(host.Services.GetServices<RedisClient>());
        Assert.Equal(("RegistrationApp", "registration:1"), (recorder.Messages.Single().Service, recorder.Messages.Single().Channel));
        await host.StopAsync(Ct);
    }

    [Fact]
    public void AddRedisClient_NoConnectionString_MessageNamesTheKey()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Builder().AddRedisClient("cache"));

        Assert.StartsWith("ConnectionStrings:cache is not set", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddRedisClient_BadPort_MessageNamesKeyAndPart()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Builder(("ConnectionStrings:redis", "127.0.0.1:port")).AddRedisClient());

        Assert.Equal("ConnectionStrings:redis is '127.0.0.1:port': end point '127.0.0.1:port': port 'port' is not a number from 1 to 65535.", error.Message);
    }

    [Fact]
    public async Task AddRedisClient_InvalidSubscriberOptions_StartFailsNamingKeyAndValue()
    {
        var builder = Builder(("ConnectionStrings:redis", fixture.Server.ConnectionString), ("Monitoring:Redis:MessageBufferCapacity", "0"));
        builder.AddRedisClient();
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(Ct));

        Assert.Equal("Monitoring:Redis:MessageBufferCapacity must be at least 1, not 0.", error.Message);
    }

    private static HostApplicationBuilder Builder(params (string Key, string Value)[] settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ApplicationName = "RegistrationApp", DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)));
        return builder;
    }
}
