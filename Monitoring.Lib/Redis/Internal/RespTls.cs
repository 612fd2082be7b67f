using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Monitoring.Lib.Redis.Internal;

/// <summary>
/// The client side of a TLS handshake with Redis. The server's certificate is validated the normal way (trusted chain,
/// name, server-authentication usage); <see cref="RedisConnectionOptions.TrustedCertificateAuthority"/> only adds one
/// more root the chain may end in.
/// </summary>
internal static class RespTls
{
    private static readonly Oid ServerAuthentication = new("1.3.6.1.5.5.7.3.1");

    public static async Task<Stream> AuthenticateAsync(Stream inner, RedisConnectionOptions options, RedisEndPoint endPoint, CancellationToken cancellationToken)
    {
        var tls = new SslStream(inner, leaveInnerStreamOpen: false);
        var authority = options.TrustedCertificateAuthority;
        var settings = new SslClientAuthenticationOptions
        {
            TargetHost = options.SslHost ?? endPoint.Host,
            RemoteCertificateValidationCallback = authority is null ? null : (_, certificate, chain, errors) => IsTrusted(authority, certificate, chain, errors),
        };
        try
        {
            await tls.AuthenticateAsClientAsync(settings, cancellationToken).ConfigureAwait(false);
            return tls;
        }
        catch
        {
            await tls.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private static bool IsTrusted(X509Certificate2 authority, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (errors == SslPolicyErrors.None)
        {
            return true;
        }
        // The extra root can only mend an untrusted chain; a wrong name or a missing certificate stays an error.
        if (errors != SslPolicyErrors.RemoteCertificateChainErrors || certificate is null)
        {
            return false;
        }
        using var custom = new X509Chain();
        custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        custom.ChainPolicy.CustomTrustStore.Add(authority);
        custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        custom.ChainPolicy.ApplicationPolicy.Add(ServerAuthentication);
        if (chain is not null)
        {
            // The intermediates the server sent along.
            custom.ChainPolicy.ExtraStore.AddRange(chain.ChainPolicy.ExtraStore);
        }
        if (certificate is X509Certificate2 leaf)
        {
            return custom.Build(leaf);
        }
        using var copy = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        return custom.Build(copy);
    }
}
