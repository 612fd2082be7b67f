using Monitoring.Lib.Redis;
using Monitoring.Lib.Tests.Fixtures;

namespace Monitoring.Lib.Tests.Redis;

/// <summary>Tests that pause, kill or password-protect their own redis-server.</summary>
public sealed class RedisClientFailureTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task PingAsync_ServerPausedLongerThanSyncTimeout_ClearTimeoutThenRecovers()
    {
        await using var server = new RedisServer();
        await server.StartAsync();
        await using var admin = new RedisClient(server.Options());
        await using var client = new RedisClient(server.Options(syncTimeout: TimeSpan.FromMilliseconds(200)));
        Assert.Equal("PONG", await client.PingAsync(cancellationToken: Ct));

        await admin.ExecuteAsync("CLIENT", ["PAUSE", "1500", "ALL"], Ct);
        var error = await Assert.ThrowsAsync<TimeoutException>(() => client.PingAsync(cancellationToken: Ct));

        Assert.Equal($"Redis at 127.0.0.1:{server.Port} did not answer PING within syncTimeout (200 ms); the connection is closed and reopened by the next command.", error.Message);
        Assert.Equal("PONG", await PingUntilAnsweredAsync(client, attempts: 75));
    }

    /// <summary>Bounded: each attempt ends within the 200 ms syncTimeout, and the pause ends after 1.5 s.</summary>
    private static async Task<string> PingUntilAnsweredAsync(RedisClient client, int attempts)
    {
        for (var i = 1; ; i++)
        {
            try
            {
                return await client.PingAsync(cancellationToken: Ct);
            }
            catch (TimeoutException) when (i < attempts)
            {
                // Still paused: the next attempt opens a new connection.
            }
        }
    }

    [Fact]
    public async Task PingAsync_ServerKilledAndRestarted_FailsWhileDownThenReconnects()
    {
        await using var server = new RedisServer();
        await server.StartAsync();
        await using var client = new RedisClient(server.Options());
        await client.SetAsync("before", "1", cancellationToken: Ct);

        await server.KillAsync();
        var error = await Assert.ThrowsAsync<RedisConnectionException>(() => client.PingAsync(cancellationToken: Ct));
        await server.StartAsync();

        Assert.Contains(error.ErrorCode, new[] { RedisErrorCodes.ConnectionLost, RedisErrorCodes.ConnectionRefused });
        Assert.Equal("PONG", await client.PingAsync(cancellationToken: Ct));
        Assert.Null(await client.GetStringAsync("before", Ct));
    }

    [Fact]
    public async Task PingAsync_RightPassword_Pong()
    {
        await using var server = new RedisServer(password: "s3cret pass");
        await server.StartAsync();
        await using var client = new RedisClient(server.Options());

        Assert.Equal("PONG", await client.PingAsync(cancellationToken: Ct));
    }

    [Fact]
    public async Task PingAsync_WrongPassword_AuthFailedWithServerReason()
    {
        await using var server = new RedisServer(password: "s3cret");
        await server.StartAsync();
        await using var client = new RedisClient(RedisConnectionOptions.Parse($"127.0.0.1:{server.Port},password=wrong"));

        var error = await Assert.ThrowsAsync<RedisConnectionException>(() => client.PingAsync(cancellationToken: Ct));

        Assert.Equal(RedisErrorCodes.AuthFailed, error.ErrorCode);
        Assert.Equal($"Redis at 127.0.0.1:{server.Port} rejected AUTH: WRONGPASS invalid username-password pair or user is disabled.. Check the password in the connection string.", error.Message);
    }

    [Fact]
    public async Task PingAsync_PasswordMissing_NoAuthServerError()
    {
        await using var server = new RedisServer(password: "s3cret");
        await server.StartAsync();
        await using var client = new RedisClient(RedisConnectionOptions.Parse($"127.0.0.1:{server.Port}"));

        var error = await Assert.ThrowsAsync<RedisServerException>(() => client.PingAsync(cancellationToken: Ct));

        Assert.Equal("NOAUTH Authentication required.", error.ServerMessage);
    }
}
