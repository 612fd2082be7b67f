using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace MonitoringStack.SampleWebProducer;

/// <summary>
/// Short-lived tokens that let a browser open <c>GET /ws</c> for one account: a browser's WebSocket cannot send the
/// <c>X-Api-Key</c> header, so a backend that holds the key asks <c>POST /ws/tokens</c> for a token and hands it to the
/// page, which opens <c>/ws?account_id=…&amp;access_token=…</c>. A token is <c>{expiry unix seconds}.{HMAC-SHA256}</c>
/// over the account id and the expiry, keyed from <c>Forms:ApiKey</c>: every replica accepts every replica's tokens and
/// nothing is stored. It only opens the socket; an open socket stays open after the token expires.
/// </summary>
internal sealed class SocketTokens(FormsProducerOptions options, TimeProvider time)
{
    private readonly byte[] _key = SHA256.HashData(Encoding.UTF8.GetBytes("sample-web-producer/ws-token/" + options.ApiKey));

    /// <summary>A token for <paramref name="accountId"/>, valid for <c>Forms:SocketTokenLifetime</c>, and when it expires.</summary>
    public (string Token, DateTimeOffset ExpiresAt) Issue(string accountId)
    {
        var expiresAt = time.GetUtcNow() + options.SocketTokenLifetime;
        var expiry = expiresAt.ToUnixTimeSeconds();
        return ($"{expiry.ToString(CultureInfo.InvariantCulture)}.{Base64Url.EncodeToString(Mac(accountId, expiry))}",
            DateTimeOffset.FromUnixTimeSeconds(expiry));
    }

    /// <summary>Null when <paramref name="token"/> opens <paramref name="accountId"/>'s stream now; otherwise why not.</summary>
    public string? Check(string token, string accountId)
    {
        var dot = token.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0 || !long.TryParse(token.AsSpan(0, dot), NumberStyles.None, CultureInfo.InvariantCulture, out var expiry))
        {
            return "The access_token is not a token from POST /ws/tokens.";
        }
        byte[] sent;
        try
        {
            sent = Base64Url.DecodeFromChars(token.AsSpan(dot + 1));
        }
        catch (FormatException)
        {
            return "The access_token is not a token from POST /ws/tokens.";
        }
        // Fixed time, and checked before the expiry so that a forged token learns nothing from the answer.
        if (!CryptographicOperations.FixedTimeEquals(sent, Mac(accountId, expiry)))
        {
            return "The access_token was not issued for this account_id.";
        }
        return time.GetUtcNow().ToUnixTimeSeconds() > expiry ? "The access_token has expired; ask POST /ws/tokens for a new one." : null;
    }

    private byte[] Mac(string accountId, long expiry) =>
        HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{accountId}\n{expiry}")));
}
