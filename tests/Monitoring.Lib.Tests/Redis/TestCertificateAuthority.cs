using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Monitoring.Lib.Tests.Fixtures;

namespace Monitoring.Lib.Tests.Redis;

/// <summary>
/// A private certificate authority made for one test, and a server certificate it issued for 127.0.0.1 and localhost,
/// written as PEM files redis-server reads. Nothing is added to any trust store.
/// </summary>
internal sealed class TestCertificateAuthority : IDisposable
{
    private static readonly Oid ServerAuthentication = new("1.3.6.1.5.5.7.3.1");
    private readonly TestDirectory _directory = new("redis-tls");

    public TestCertificateAuthority()
    {
        var now = DateTimeOffset.UtcNow;
        using var authorityKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var authorityRequest = new CertificateRequest("CN=Monitoring test CA", authorityKey, HashAlgorithmName.SHA256);
        authorityRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        authorityRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        authorityRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(authorityRequest.PublicKey, false));
        Authority = authorityRequest.CreateSelfSigned(now.AddMinutes(-5), now.AddHours(2));

        using var serverKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var serverRequest = new CertificateRequest("CN=127.0.0.1", serverKey, HashAlgorithmName.SHA256);
        serverRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        serverRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        serverRequest.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([ServerAuthentication], false));
        serverRequest.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(Authority, true, false));
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        serverRequest.CertificateExtensions.Add(names.Build());
        using var server = serverRequest.Create(Authority, now.AddMinutes(-5), now.AddHours(1), RandomNumberGenerator.GetBytes(12));

        CertificateFile = Path.Combine(_directory.Path, "redis.crt");
        KeyFile = Path.Combine(_directory.Path, "redis.key");
        File.WriteAllText(CertificateFile, server.ExportCertificatePem());
        File.WriteAllText(KeyFile, serverKey.ExportPkcs8PrivateKeyPem());
    }

    /// <summary>The authority a client must trust for the server's certificate.</summary>
    public X509Certificate2 Authority { get; }

    public string CertificateFile { get; }

    public string KeyFile { get; }

    /// <summary>redis.conf lines for a TLS port serving the certificate, without asking clients for one.</summary>
    public IReadOnlyList<string> RedisConfig(int tlsPort) =>
    [
        string.Create(CultureInfo.InvariantCulture, $"tls-port {tlsPort}"),
        $"tls-cert-file \"{CertificateFile}\"",
        $"tls-key-file \"{KeyFile}\"",
        "tls-auth-clients no",
    ];

    public void Dispose()
    {
        Authority.Dispose();
        _directory.Dispose();
    }
}
