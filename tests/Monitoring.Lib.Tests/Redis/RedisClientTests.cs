using System.Globalization;
using System.Text;
using Monitoring.Lib.Redis;

namespace Monitoring.Lib.Tests.Redis;

[Collection(RedisServerGroup.Name)]
public sealed class RedisClientTests(RedisServerFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task PingAsync_RunningServer_PongAndEcho()
    {
        await using var client = new RedisClient(fixture.Server.Options());

        Assert.Equal("PONG", await client.PingAsync(cancellationToken: Ct));
        Assert.Equal("héllo 🚀", await client.PingAsync("héllo 🚀", Ct));
    }

    [Fact]
    public async Task PublishAsync_NoSubscriber_ZeroReceivers()
    {
        await using var client = new RedisClient(fixture.Server.Options());

        Assert.Equal(0, await client.PublishAsync("nobody-listens", "x", Ct));
    }

    [Fact]
    public async Task SetAsync_NonAsciiValue_GetReturnsSameTextAndMissingKeyIsNull()
    {
        await using var client = new RedisClient(fixture.Server.Options());

        await client.SetAsync("client:text", "ünïcødé ☕ 日本", cancellationToken: Ct);

        Assert.Equal("ünïcødé ☕ 日本", await client.GetStringAsync("client:text", Ct));
        Assert.Equal(Encoding.UTF8.GetBytes("ünïcødé ☕ 日本"), await client.GetAsync("client:text", Ct));
        Assert.Null(await client.GetAsync("client:missing", Ct));
    }

    [Fact]
    public async Task SetAsync_WithExpiry_ServerHasTtl()
    {
        await using var client = new RedisClient(fixture.Server.Options());

        await client.SetAsync("client:ttl", "v", TimeSpan.FromSeconds(100), Ct);
        var ttl = (await client.ExecuteAsync("PTTL", ["client:ttl"], Ct)).Number;

        Assert.InRange(ttl, 1, 100_000);
    }

    [Fact]
    public async Task ExecuteAsync_UnknownCommand_ServerExceptionWithItsMessage()
    {
        await using var client = new RedisClient(fixture.Server.Options());

        var error = await Assert.ThrowsAsync<RedisServerException>(() => client.ExecuteAsync("NOSUCHCOMMAND", ["a"], Ct));

        Assert.StartsWith("ERR unknown command 'NOSUCHCOMMAND'", error.ServerMessage, StringComparison.Ordinal);
        Assert.Contains($"Redis at 127.0.0.1:{fixture.Server.Port} answered NOSUCHCOMMAND with: ERR", error.Message, StringComparison.Ordinal);
        Assert.Equal("PONG", await client.PingAsync(cancellationToken: Ct));
    }

    [Fact]
    public async Task ExecuteAsync_ManyConcurrentCallers_EachGetsItsOwnReply()
    {
        await using var client = new RedisClient(fixture.Server.Options());
        const int Callers = 500;

        var replies = await Task.WhenAll(Enumerable.Range(0, Callers).Select(i => Task.Run(async () =>
        {
            var key = string.Create(CultureInfo.InvariantCulture, $"client:concurrent:{i}");
            await client.SetAsync(key, key, cancellationToken: Ct);
            return (Key: key, Value: await client.GetStringAsync(key, Ct), Counter: (await client.ExecuteAsync("INCR", ["client:concurrent"], Ct)).Number);
        }, Ct)));

        Assert.All(replies, r => Assert.Equal(r.Key, r.Value));
        Assert.Equal(Enumerable.Range(1, Callers).Select(i => (long)i), replies.Select(r => r.Counter).Order());
    }

    [Fact]
    public async Task PingAsync_NothingListening_ConnectionRefusedNamingEndPoint()
    {
        var port = Fixtures.FreePort.Next();
        await using var client = new RedisClient(RedisConnectionOptions.Parse($"127.0.0.1:{port}"));

        var error = await Assert.ThrowsAsync<RedisConnectionException>(() => client.PingAsync(cancellationToken: Ct));

        Assert.Equal(RedisErrorCodes.ConnectionRefused, error.ErrorCode);
        Assert.Contains($"Cannot connect to Redis at 127.0.0.1:{port}", error.Message, StringComparison.Ordinal);
    }
}
