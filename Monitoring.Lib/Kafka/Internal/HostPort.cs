using System.Globalization;

namespace Monitoring.Lib.Kafka.Internal;

/// <summary>A <c>host:port</c> address from a connection string (an optional <c>scheme://</c> is dropped, IPv6 in brackets).</summary>
internal readonly record struct HostPort(string Host, int Port)
{
    public static HostPort Parse(string text, string key, string wholeValue)
    {
        var address = text.Trim();
        var scheme = address.IndexOf("://", StringComparison.Ordinal);
        if (scheme >= 0)
        {
            address = address[(scheme + 3)..];
        }
        var colon = address.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(address.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
        {
            throw new InvalidOperationException(
                $"{key} is '{wholeValue}': '{text.Trim()}' is not host:port with a port between 1 and 65535.");
        }
        return new HostPort(address[..colon].Trim('[', ']'), port);
    }

    public override string ToString() => Host.Contains(':', StringComparison.Ordinal) ? $"[{Host}]:{Port}" : $"{Host}:{Port}";
}
