using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Configuration;
using Monitoring.Lib.Redis.Internal;

namespace Monitoring.Lib.Redis;

/// <summary>
/// Where and how to reach Redis, parsed from a StackExchange.Redis-style connection string such as the one the host
/// injects as <c>ConnectionStrings:redis</c>:
/// <c>host:port[,host:port…][,password=…][,user=…][,ssl=true][,sslHost=…][,connectTimeout=ms][,syncTimeout=ms]</c>.
/// </summary>
public sealed class RedisConnectionOptions
{
    /// <summary>The default port, 6379, used when an end point names only a host.</summary>
    public const int DefaultPort = 6379;

    private IReadOnlyList<RedisEndPoint> _endPoints = [new("127.0.0.1", DefaultPort)];

    /// <summary>
    /// The servers, tried in this order on every (re)connect: the first that accepts the connection (and the TLS
    /// handshake) is used. A server that answers but refuses AUTH ends the walk, since every server shares the
    /// password. Default: one end point, <c>127.0.0.1:6379</c>.
    /// </summary>
    /// <exception cref="ArgumentException">Set to an empty list.</exception>
    public IReadOnlyList<RedisEndPoint> EndPoints
    {
        get => _endPoints;
        set
        {
            ArgumentNullException.ThrowIfNull(value);
            _endPoints = value.Count > 0 ? [.. value] : throw new ArgumentException("Give at least one Redis end point.", nameof(value));
        }
    }

    /// <summary>Password sent with AUTH right after connecting; null (the default) sends no AUTH.</summary>
    public string? Password { get; set; }

    /// <summary>ACL user name sent with the password (<c>AUTH user password</c>); null (the default) uses Redis's default user.</summary>
    public string? User { get; set; }

    /// <summary>Longest wait for the TCP connection, TLS handshake and AUTH, for each end point tried. Default 5 s.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Longest wait for the answer to one command. Default 5 s.</summary>
    public TimeSpan SyncTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Speak TLS (<c>ssl=true</c>); the server's certificate is validated as any TLS client does: trusted chain, name
    /// matching <see cref="SslHost"/>. Default false.
    /// </summary>
    public bool Ssl { get; set; }

    /// <summary>The name the server's certificate must carry (<c>sslHost=</c>); null (the default) uses each end point's host.</summary>
    public string? SslHost { get; set; }

    /// <summary>
    /// A certificate authority trusted for the server's certificate besides the system's trust store, for a server
    /// whose certificate a private CA issued. Only the chain's root is relaxed: the name must still match. Default null.
    /// </summary>
    public X509Certificate2? TrustedCertificateAuthority { get; set; }

    /// <summary>The end points as <c>host:port,host:port</c>, for messages that are not about one connection.</summary>
    internal string EndPointList => string.Join(',', _endPoints);

    /// <summary>
    /// Parses <paramref name="connectionString"/>. Parts without <c>=</c> are end points (<c>host</c> or
    /// <c>host:port</c>, IPv6 in brackets); the others are <c>key=value</c> (keys case-insensitive): password, user,
    /// ssl, sslHost, connectTimeout and syncTimeout in milliseconds. Other StackExchange.Redis keys (abortConnect, …)
    /// are ignored.
    /// </summary>
    /// <exception cref="FormatException">A part is malformed; the message names the part and its value.</exception>
    public static RedisConnectionOptions Parse(string connectionString)
    {
        try
        {
            return RedisConnectionStringParser.Parse(connectionString);
        }
        catch (FormatException ex)
        {
            throw new FormatException($"Redis connection string '{RedisConnectionStringParser.Masked(connectionString ?? "")}': {ex.Message}.", ex);
        }
    }

    /// <summary>
    /// Reads <c>ConnectionStrings:{connectionName}</c> from <paramref name="configuration"/>; null when it is not set.
    /// </summary>
    /// <exception cref="InvalidOperationException">It is malformed; the message names the key, the value (password hidden) and the bad part.</exception>
    public static RedisConnectionOptions? FromConfiguration(IConfiguration configuration, string connectionName = "redis")
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionName);
        var value = configuration.GetConnectionString(connectionName);
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }
        try
        {
            return RedisConnectionStringParser.Parse(value);
        }
        catch (FormatException ex)
        {
            throw new InvalidOperationException($"ConnectionStrings:{connectionName} is '{RedisConnectionStringParser.Masked(value)}': {ex.Message}.", ex);
        }
    }

    /// <summary>The connection string form of these options, with the password as <c>*****</c>.</summary>
    public override string ToString() =>
        EndPointList
        + (Password is null ? "" : ",password=*****")
        + (User is null ? "" : $",user={User}")
        + (Ssl ? ",ssl=true" : "")
        + (SslHost is null ? "" : $",sslHost={SslHost}");
}
