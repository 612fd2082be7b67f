using Monitoring.Lib.Redis;
using Monitoring.Lib.Tests.Fixtures;

namespace Monitoring.Lib.Tests.Redis;

/// <summary>Several end points in one connection string: tried in order, on every connect from the first.</summary>
[Collection(RedisServerGroup.Name)]
public sealed class RedisEndPointsTests(RedisServerFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task PingAsync_FirstEndPointClosed_SecondAnswers()
    {
        var closed = FreePort.Next();
        await using var client = new RedisClient(RedisConnectionOptions.Parse($"127.0.0.1:{closed},127.0.0.1:{fixture.Server.Port}"));

        Assert.Equal("PONG", await client.PingAsync(cancellationToken: Ct));
        Assert.Equal(fixture.Server.Port, await ServerPortAsync(client));
    }

    [Fact]
    public async Task SubscribeAsync_FirstEndPointClosed_SubscribedOnTheSecond()
    {
        var closed = FreePort.Next();
        await using var client = new RedisClient(fixture.Server.Options());
        await using var subscriber = new RedisSubscriber(RedisConnectionOptions.Parse($"127.0.0.1:{closed},127.0.0.1:{fixture.Server.Port}"));

        await subscriber.SubscribeAsync("endpoints:1", Ct);
        Assert.Equal(1, await client.PublishAsync("endpoints:1", "second", Ct));

        Assert.Equal("second", (await subscriber.Messages.ReadAsync(Ct)).PayloadText);
    }

    [Fact]
    public async Task PingAsync_EveryEndPointClosed_ConnectionRefusedNamingEach()
    {
        var (first, second) = (FreePort.Next(), FreePort.Next());
        await using var client = new RedisClient(RedisConnectionOptions.Parse($"127.0.0.1:{first},127.0.0.1:{second}"));

        var error = await Assert.ThrowsAsync<RedisConnectionException>(() => client.PingAsync(cancellationToken: Ct));

        Assert.Equal(RedisErrorCodes.ConnectionRefused, error.ErrorCode);
        Assert.StartsWith($"No Redis end point answered (Cannot connect to Redis at 127.0.0.1:{first}: ", error.Message, StringComparison.Ordinal);
        Assert.Contains($"Cannot connect to Redis at 127.0.0.1:{second}: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExecuteAsync_ConnectionLostAfterTheFirstCameBack_ReconnectsToTheFirst()
    {
        await using var first = new RedisServer(name: "redis-first");
        await using var client = new RedisClient(RedisConnectionOptions.Parse($"127.0.0.1:{first.Port},127.0.0.1:{fixture.Server.Port}"));
        Assert.Equal(fixture.Server.Port, await ServerPortAsync(client));
        var id = (await client.ExecuteAsync("CLIENT", ["ID"], Ct)).Number.ToString(System.Globalization.CultureInfo.InvariantCulture);

        await first.StartAsync();
        await using (var admin = new RedisClient(fixture.Server.Options()))
        {
            await admin.ExecuteAsync("CLIENT", ["KILL", "ID", id], Ct);
        }

        Assert.Equal(first.Port, await ServerPortAsync(client, attempts: 3));
    }

    /// <summary>The port of the server the client is connected to; retried when the connection just broke (bounded).</summary>
    private static async Task<int> ServerPortAsync(RedisClient client, int attempts = 1)
    {
        for (var i = 1; ; i++)
        {
            try
            {
                var reply = await client.ExecuteAsync("CONFIG", ["GET", "port"], Ct);
                return int.Parse(reply.Elements[1].Text!, System.Globalization.CultureInfo.InvariantCulture);
            }
            catch (RedisConnectionException) when (i < attempts)
            {
                // The killed connection: the next command opens a new one.
            }
        }
    }
}
