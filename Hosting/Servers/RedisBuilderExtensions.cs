using System.Globalization;
using Monitoring.Hosting.ApplicationModel;
using Monitoring.Hosting.Servers;

namespace Monitoring.Hosting;

/// <summary>Adds Redis to the model.</summary>
public static class RedisBuilderExtensions
{
    /// <summary>
    /// Adds a redis-server bound to 127.0.0.1 on a free port (endpoint "tcp"), without persistence, its config in the
    /// replica's state folder; healthy once it answers PING. Referencing it injects <c>ConnectionStrings__{name}</c>.
    /// </summary>
    /// <param name="builder">The application builder.</param>
    /// <param name="name">The resource name.</param>
    /// <param name="password">A (secret) parameter used as requirepass; default none.</param>
    public static IResourceBuilder<RedisResource> AddRedis(this IDistributedApplicationBuilder builder, string name,
        IResourceBuilder<ParameterResource>? password = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var redis = new RedisResource(name, password?.Resource);
        return builder.AddResource(redis)
            .WithAnnotation(new EndpointAnnotation("tcp", "tcp"))
            .WithAnnotation(new CommandLineArgsCallbackAnnotation(async c =>
            {
                var config = Path.Combine(c.Replica.StateDirectory, "redis.conf");
                await File.WriteAllTextAsync(config, Config(c.Replica, redis.Password?.Value), c.CancellationToken).ConfigureAwait(false);
                c.Args.Add(config);
            }))
            .WithAnnotation(new HealthCheckAnnotation("PING", (replica, ct) =>
                RespProbe.PingAsync(replica.GetPort("tcp"), redis.Password?.Value, ct)));
    }

    private static string Config(ReplicaContext replica, string? password)
    {
        var lines = new List<string>
        {
            "bind 127.0.0.1",
            string.Create(CultureInfo.InvariantCulture, $"port {replica.GetPort("tcp")}"),
            $"dir \"{replica.StateDirectory}\"",
            // Development data: nothing is written to disk, a restart starts empty.
            "save \"\"",
            "appendonly no",
            "daemonize no",
            "logfile \"\"",
            "loglevel warning",
        };
        if (password is not null)
        {
            lines.Add($"requirepass \"{password.Replace("\"", "\\\"", StringComparison.Ordinal)}\"");
        }
        return string.Join('\n', lines) + "\n";
    }
}
