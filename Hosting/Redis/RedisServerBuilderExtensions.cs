using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Monitoring.Hosting.Internal;
using Monitoring.Hosting.Redis;

namespace Aspire.Hosting;

/// <summary>Adds redis-server (Debian's package) to the app model.</summary>
public static class RedisServerBuilderExtensions
{
    /// <summary>
    /// Adds a redis-server on 127.0.0.1 and a port Aspire allocates (endpoint <c>tcp</c>), with no persistence (a restart
    /// starts empty), healthy once it answers PING. Referencing it injects <c>ConnectionStrings__{name}</c> =
    /// <c>127.0.0.1:PORT</c>.
    /// </summary>
    /// <param name="builder">The application builder.</param>
    /// <param name="name">The resource name.</param>
    public static IResourceBuilder<RedisServerResource> AddRedisServer(this IDistributedApplicationBuilder builder, string name)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var redis = new RedisServerResource(name, ServerExecutable.Resolve("redis-server"), ServerDirectories.For(builder, name));
        var healthCheck = $"{name}_ping";
        builder.Services.AddHealthChecks().Add(new HealthCheckRegistration(healthCheck,
            _ => new RedisPingHealthCheck(redis.PrimaryEndpoint), failureStatus: null, tags: null));
        return builder.AddResource(redis)
            .WithEndpoint(name: RedisServerResource.EndpointName, scheme: "tcp", isProxied: false)
            .WithArgs(context =>
            {
                var port = redis.PrimaryEndpoint.Property(EndpointProperty.TargetPort);
                context.Args.Add("--bind");
                context.Args.Add("127.0.0.1");
                context.Args.Add("--port");
                context.Args.Add(port);
                context.Args.Add("--dir");
                context.Args.Add(redis.WorkingDirectory);
                // Development data: nothing is written to disk.
                context.Args.Add("--save");
                context.Args.Add("");
                context.Args.Add("--appendonly");
                context.Args.Add("no");
                context.Args.Add("--loglevel");
                context.Args.Add("warning");
            })
            .WithHealthCheck(healthCheck)
            .ReportMissing("redis-server", "redis-server")
            .WithIconName("Database");
    }
}
