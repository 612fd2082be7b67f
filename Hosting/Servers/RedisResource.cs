using System.Globalization;
using Monitoring.Hosting.ApplicationModel;

namespace Monitoring.Hosting.Servers;

/// <summary>A redis-server (Debian package redis-server) with generated config; no persistence.</summary>
public sealed class RedisResource : ExecutableResource, IResourceWithConnectionString
{
    internal RedisResource(string name, ParameterResource? password)
        : base(name, "/usr/bin/redis-server")
    {
        DebianPackage = "redis-server";
        Password = password;
    }

    /// <summary>The password parameter (requirepass); null for none.</summary>
    public ParameterResource? Password { get; }

    /// <inheritdoc />
    public bool ConnectionStringHasSecret => Password is not null;

    /// <summary><c>127.0.0.1:PORT</c>, plus <c>,password=…</c> when a password is set (StackExchange.Redis's format).</summary>
    public Task<string> GetConnectionStringAsync(CancellationToken cancellationToken = default)
    {
        var address = string.Create(CultureInfo.InvariantCulture, $"127.0.0.1:{this.GetEndpoint("tcp").Port}");
        return Task.FromResult(Password is null ? address : $"{address},password={Password.Value}");
    }
}
