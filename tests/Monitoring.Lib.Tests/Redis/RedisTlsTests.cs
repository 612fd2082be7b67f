using Monitoring.Lib.Redis;

namespace Monitoring.Lib.Tests.Redis;

/// <summary>ssl=true against a real redis-server's TLS port: the certificate is validated, never waved through.</summary>
public sealed class RedisTlsTests(RedisTlsFixture tls) : IClassFixture<RedisTlsFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task PingAsync_AuthorityTrustedAndPassword_PongOverTls()
    {
        await using var client = new RedisClient(tls.Options("ssl=true"));

        Assert.Equal("PONG", await client.PingAsync(cancellationToken: Ct));
    }

    [Fact]
    public async Task SubscribeAsync_OverTls_ReceivesWhatTheClientPublishes()
    {
        await using var client = new RedisClient(tls.Options("ssl=true"));
        await using var subscriber = new RedisSubscriber(tls.Options("ssl=true"));

        await subscriber.SubscribeAsync("tls:1", Ct);
        Assert.Equal(1, await client.PublishAsync("tls:1", "über TLS", Ct));

        Assert.Equal("über TLS", (await subscriber.Messages.ReadAsync(Ct)).PayloadText);
    }

    [Fact]
    public async Task PingAsync_SslHostNamedInTheCertificate_Pong()
    {
        await using var client = new RedisClient(tls.Options("ssl=true,sslHost=localhost"));

        Assert.Equal("PONG", await client.PingAsync(cancellationToken: Ct));
    }

    [Fact]
    public async Task PingAsync_AuthorityNotTrusted_TlsFailedNamingTheServer()
    {
        await using var client = new RedisClient(tls.Options("ssl=true", trustAuthority: false));

        var error = await Assert.ThrowsAsync<RedisConnectionException>(() => client.PingAsync(cancellationToken: Ct));

        Assert.Equal(RedisErrorCodes.TlsFailed, error.ErrorCode);
        Assert.StartsWith($"The TLS handshake with Redis at 127.0.0.1:{tls.TlsPort} failed: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PingAsync_SslHostNotInTheCertificate_TlsFailedEvenWithTheAuthorityTrusted()
    {
        await using var client = new RedisClient(tls.Options("ssl=true,sslHost=redis.example"));

        var error = await Assert.ThrowsAsync<RedisConnectionException>(() => client.PingAsync(cancellationToken: Ct));

        Assert.Equal(RedisErrorCodes.TlsFailed, error.ErrorCode);
    }

    [Fact]
    public async Task PingAsync_TlsPortWithoutSsl_FailsInsteadOfSendingPlainText()
    {
        await using var client = new RedisClient(tls.Options("ssl=false,connectTimeout=1000,syncTimeout=1000"));

        var error = await Assert.ThrowsAsync<RedisConnectionException>(() => client.PingAsync(cancellationToken: Ct));

        // The server drops a client whose first bytes are no TLS handshake (a reset or a close, depending on timing).
        Assert.Equal(RedisErrorCodes.ConnectionLost, error.ErrorCode);
        Assert.Contains($"Redis at 127.0.0.1:{tls.TlsPort}", error.Message, StringComparison.Ordinal);
    }
}
