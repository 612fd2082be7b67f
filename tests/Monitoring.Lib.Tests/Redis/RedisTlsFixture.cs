using Monitoring.Lib.Redis;
using Monitoring.Lib.Tests.Fixtures;

namespace Monitoring.Lib.Tests.Redis;

/// <summary>
/// One redis-server (Debian's, built with TLS) with a password and a TLS port serving a certificate from a
/// <see cref="TestCertificateAuthority"/>; the tests only connect to it.
/// </summary>
public sealed class RedisTlsFixture : IAsyncLifetime
{
    public const string Password = "tls s3cret";

    public RedisTlsFixture()
    {
        TlsPort = FreePort.Next();
        Certificates = new TestCertificateAuthority();
        Server = new RedisServer(Password, "redis-tls", Certificates.RedisConfig(TlsPort));
    }

    public int TlsPort { get; }

    internal TestCertificateAuthority Certificates { get; }

    internal RedisServer Server { get; }

    /// <summary>Options for the TLS port from <paramref name="settings"/> (appended to <c>127.0.0.1:port,password=…</c>).</summary>
    public RedisConnectionOptions Options(string settings, bool trustAuthority = true)
    {
        var options = RedisConnectionOptions.Parse($"127.0.0.1:{TlsPort},password={Password},{settings}");
        options.TrustedCertificateAuthority = trustAuthority ? Certificates.Authority : null;
        return options;
    }

    public async ValueTask InitializeAsync() => await Server.StartAsync();

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        Certificates.Dispose();
    }
}
