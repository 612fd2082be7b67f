using System.Globalization;

namespace Monitoring.Lib.Redis;

/// <summary>
/// Where and how to reach Redis, parsed from a StackExchange.Redis-style connection string such as the one the host
/// injects as <c>ConnectionStrings:redis</c>: <c>host:port[,password=…][,user=…][,connectTimeout=ms][,syncTimeout=ms]</c>.
/// </summary>
public sealed class RedisConnectionOptions
{
    /// <summary>The default port, 6379, used when the connection string names only a host.</summary>
    public const int DefaultPort = 6379;

    /// <summary>Host name or IP address. Default <c>127.0.0.1</c>.</summary>
    public string Host { get; set; } = "127.0.0.1";

    /// <summary>TCP port. Default <see cref="DefaultPort"/>.</summary>
    public int Port { get; set; } = DefaultPort;

    /// <summary>Password sent with AUTH right after connecting; null (the default) sends no AUTH.</summary>
    public string? Password { get; set; }

    /// <summary>ACL user name sent with the password (<c>AUTH user password</c>); null (the default) uses Redis's default user.</summary>
    public string? User { get; set; }

    /// <summary>Longest wait for the TCP connection and AUTH. Default 5 s.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Longest wait for the answer to one command. Default 5 s.</summary>
    public TimeSpan SyncTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary><c>host:port</c>, for messages.</summary>
    public string EndPoint => string.Create(CultureInfo.InvariantCulture, $"{Host}:{Port}");

    /// <summary>
    /// Parses <paramref name="connectionString"/>. The first part is the end point (<c>host</c> or <c>host:port</c>);
    /// the others are <c>key=value</c> (keys case-insensitive): password, user, connectTimeout and syncTimeout in
    /// milliseconds. Unknown keys StackExchange.Redis also accepts (abortConnect, ssl=false, …) are ignored.
    /// </summary>
    /// <exception cref="FormatException">A part is malformed; the message names the part and its value.</exception>
    public static RedisConnectionOptions Parse(string connectionString)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new FormatException("The Redis connection string is empty; expected host:port[,password=…].");
        }
        var options = new RedisConnectionOptions();
        var parts = connectionString.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0 || parts[0].Contains('=', StringComparison.Ordinal))
        {
            throw new FormatException($"The Redis connection string '{Redacted(connectionString)}' must start with host:port.");
        }
        ParseEndPoint(parts[0], options);
        foreach (var part in parts.AsSpan(1))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new FormatException($"Redis connection string part '{Redacted(part)}' is not key=value.");
            }
            ParseSetting(part[..equals].Trim(), part[(equals + 1)..].Trim(), options);
        }
        return options;
    }

    /// <summary>The connection string form of these options, with the password as <c>*****</c>.</summary>
    public override string ToString() =>
        EndPoint + (Password is null ? "" : ",password=*****") + (User is null ? "" : $",user={User}");

    private static void ParseEndPoint(string endPoint, RedisConnectionOptions options)
    {
        var colon = endPoint.LastIndexOf(':');
        // An IPv6 literal ([::1]:6379) has colons of its own: only a colon after the closing bracket separates the port.
        if (colon > 0 && endPoint.IndexOf(']', StringComparison.Ordinal) < colon)
        {
            var port = endPoint[(colon + 1)..];
            if (!int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value is < 1 or > 65535)
            {
                throw new FormatException($"Redis end point '{endPoint}': port '{port}' is not a number from 1 to 65535.");
            }
            options.Port = value;
            endPoint = endPoint[..colon];
        }
        options.Host = endPoint.Trim('[', ']');
        if (options.Host.Length == 0)
        {
            throw new FormatException($"Redis end point '{endPoint}' has no host.");
        }
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
            case "SSL" when !bool.TryParse(value, out var ssl) || ssl:
                throw new FormatException($"Redis connection string: {key}={value} is not supported (no TLS in this client).");
            default:
                break;
        }
    }

    private static TimeSpan Milliseconds(string key, string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var ms) && ms > 0
            ? TimeSpan.FromMilliseconds(ms)
            : throw new FormatException($"Redis connection string: {key}='{value}' is not a positive number of milliseconds.");

    private static string Redacted(string text)
    {
        var index = text.IndexOf("password=", StringComparison.OrdinalIgnoreCase);
        return index < 0 ? text : text[..(index + 9)] + "*****";
    }
}
