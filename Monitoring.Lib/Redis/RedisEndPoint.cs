using System.Globalization;

namespace Monitoring.Lib.Redis;

/// <summary>One Redis server address: a host name or IP address and a TCP port.</summary>
/// <param name="Host">Host name or IP address (an IPv6 literal without brackets).</param>
/// <param name="Port">TCP port, 1 to 65535.</param>
public sealed record RedisEndPoint(string Host, int Port)
{
    /// <summary><c>host:port</c>, an IPv6 literal in brackets (<c>[::1]:6379</c>), as a connection string writes it.</summary>
    public override string ToString() => Host.Contains(':', StringComparison.Ordinal)
        ? string.Create(CultureInfo.InvariantCulture, $"[{Host}]:{Port}")
        : string.Create(CultureInfo.InvariantCulture, $"{Host}:{Port}");
}
