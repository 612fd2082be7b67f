namespace Monitoring.ServiceDefaults.Internal;

/// <summary>
/// The parts of a StackExchange.Redis-style connection string the health probe needs:
/// <c>host:port[,host:port…][,user=…][,password=…][,ssl=true]</c>; other options are ignored.
/// </summary>
internal sealed record RedisConnection(IReadOnlyList<HostPort> Endpoints, string? User, string? Password, bool Ssl)
{
    public const string Key = "ConnectionStrings:redis";

    public static RedisConnection Parse(string value)
    {
        var endpoints = new List<HostPort>();
        string? user = null, password = null;
        var ssl = false;
        foreach (var part in value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            if (equals < 0)
            {
                endpoints.Add(HostPort.Parse(part, Key, Masked(value)));
                continue;
            }
            var name = part[..equals].Trim();
            var setting = part[(equals + 1)..];
            if (name.Equals("password", StringComparison.OrdinalIgnoreCase))
            {
                password = setting;
            }
            else if (name.Equals("user", StringComparison.OrdinalIgnoreCase))
            {
                user = setting;
            }
            else if (name.Equals("ssl", StringComparison.OrdinalIgnoreCase))
            {
                ssl = bool.TryParse(setting, out var on) ? on
                    : throw new InvalidOperationException($"{Key} is '{Masked(value)}': ssl='{setting}' is not true or false.");
            }
        }
        if (endpoints.Count == 0)
        {
            throw new InvalidOperationException($"{Key} is '{Masked(value)}': it names no host:port.");
        }
        return new RedisConnection(endpoints, user, password, ssl);
    }

    /// <summary>The connection string with the password hidden, for messages.</summary>
    public static string Masked(string value) => string.Join(',', value.Split(',').Select(part =>
        part.TrimStart().StartsWith("password=", StringComparison.OrdinalIgnoreCase) ? "password=***" : part));
}
