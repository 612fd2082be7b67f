using System.Globalization;

namespace Monitoring.Lib.Redis.Internal;

/// <summary>
/// Reads a StackExchange.Redis-style connection string: parts without <c>=</c> are end points, the others
/// <c>key=value</c> settings. Errors are <see cref="FormatException"/>s whose message names the bad part and is meant to
/// follow "&lt;where&gt;: " (no capital, no final period), so each caller can say where the string came from.
/// </summary>
internal static class RedisConnectionStringParser
{
    private const string Expected = "expected host:port[,host:port…][,password=…][,ssl=true]";

    public static RedisConnectionOptions Parse(string connectionString)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new FormatException($"it is empty; {Expected}");
        }
        var options = new RedisConnectionOptions();
        var endPoints = new List<RedisEndPoint>();
        foreach (var part in connectionString.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            if (equals < 0)
            {
                endPoints.Add(ParseEndPoint(part));
                continue;
            }
            if (equals == 0)
            {
                throw new FormatException($"part '{Masked(part)}' has no key before '='");
            }
            ParseSetting(part[..equals].Trim(), part[(equals + 1)..].Trim(), options);
        }
        if (endPoints.Count == 0)
        {
            throw new FormatException($"it names no end point; {Expected}");
        }
        options.EndPoints = endPoints;
        return options;
    }

    /// <summary>The connection string with every password value replaced by <c>*****</c>, for messages.</summary>
    public static string Masked(string connectionString) => string.Join(',', connectionString.Split(',').Select(part =>
        part.TrimStart().StartsWith("password=", StringComparison.OrdinalIgnoreCase) ? "password=*****" : part));

    private static RedisEndPoint ParseEndPoint(string endPoint)
    {
        var host = endPoint;
        var port = RedisConnectionOptions.DefaultPort;
        var colon = endPoint.LastIndexOf(':');
        // An IPv6 literal ([::1]:6379) has colons of its own: only a colon after the closing bracket separates the port.
        if (colon >= 0 && endPoint.IndexOf(']', StringComparison.Ordinal) < colon)
        {
            var text = endPoint[(colon + 1)..];
            if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out port) || port is < 1 or > 65535)
            {
                throw new FormatException($"end point '{endPoint}': port '{text}' is not a number from 1 to 65535");
            }
            host = endPoint[..colon];
        }
        host = host.Trim('[', ']');
        return host.Length == 0 ? throw new FormatException($"end point '{endPoint}' has no host") : new RedisEndPoint(host, port);
    }

    private static void ParseSetting(string key, string value, RedisConnectionOptions options)
    {
        switch (key.ToUpperInvariant())
        {
            case "PASSWORD":
                options.Password = value;
                break;
            case "USER":
                options.User = value.Length == 0 ? null : value;
                break;
            case "CONNECTTIMEOUT":
                options.ConnectTimeout = Milliseconds(key, value);
                break;
            case "SYNCTIMEOUT":
                options.SyncTimeout = Milliseconds(key, value);
                break;
            case "SSL":
                options.Ssl = bool.TryParse(value, out var ssl) ? ssl : throw new FormatException($"{key}='{value}' is not true or false");
                break;
            case "SSLHOST":
                options.SslHost = value.Length > 0 ? value
                    : throw new FormatException($"{key} is empty; give the name the server's certificate is issued to, or leave the part out");
                break;
            default:
                // Other StackExchange.Redis settings (abortConnect, allowAdmin, …) mean nothing to this client.
                break;
        }
    }

    private static TimeSpan Milliseconds(string key, string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var ms) && ms > 0
            ? TimeSpan.FromMilliseconds(ms)
            : throw new FormatException($"{key}='{value}' is not a positive number of milliseconds");
}
