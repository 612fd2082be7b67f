using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Monitoring.Lib.Influx;
using Monitoring.Lib.Internal;
using Monitoring.Lib.Redis.Internal;

namespace Monitoring.Lib.Redis;

/// <summary>Registers the Redis command client and subscriber.</summary>
public static class RedisServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="RedisClient"/> and <see cref="RedisSubscriber"/> (singletons, disposed with the host) connected
    /// to <c>ConnectionStrings:{connectionName}</c> — what the host injects as <c>ConnectionStrings__redis</c> — and
    /// <see cref="RedisSubscriberOptions"/> bound from <c>Monitoring:Redis</c>, its <c>ServiceName</c> defaulting to the
    /// <c>service</c> tag of the other points: <c>Monitoring:ServiceName</c>, else the metrics app name
    /// (<c>Monitoring:Metrics:AppName</c>, <c>APP_NAME</c>), else the application name. The subscriber records its points through the registered <see cref="IRedisPointRecorder"/>,
    /// else through <see cref="InfluxRecorder"/> when <c>AddInfluxPoints()</c> was called (before or after), else none.
    /// Calling it twice adds nothing more.
    /// </summary>
    /// <exception cref="InvalidOperationException">The connection string is missing or malformed; the message names the key.</exception>
    /// <param name="builder">The application builder.</param>
    /// <param name="connectionName">The connection string's name; default <c>redis</c>.</param>
    /// <param name="configureConnection">
    /// Adjusts the parsed connection before the client and subscriber use it, for what a connection string cannot
    /// carry (<see cref="RedisConnectionOptions.TrustedCertificateAuthority"/>); null (the default) changes nothing.
    /// </param>
    public static IHostApplicationBuilder AddRedisClient(
        this IHostApplicationBuilder builder, string connectionName = "redis", Action<RedisConnectionOptions>? configureConnection = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionName);
        if (builder.Services.Any(d => d.ServiceType == typeof(RedisClient)))
        {
            return builder;
        }
        var connection = RedisConnectionOptions.FromConfiguration(builder.Configuration, connectionName)
            ?? throw new InvalidOperationException(
                $"ConnectionStrings:{connectionName} is not set: give it as host:port[,password=…] (environment variable ConnectionStrings__{connectionName}).");
        configureConnection?.Invoke(connection);

        builder.Services.AddOptions<RedisSubscriberOptions>()
            .Configure<IServiceProvider>((o, services) => o.ServiceName = ServiceNames.ServiceName(services) is { Length: > 0 } name ? name : o.ServiceName)
            .Bind(builder.Configuration.GetSection(RedisSubscriberOptions.SectionName))
            .ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RedisSubscriberOptions>, RedisSubscriberOptionsValidator>());
        builder.Services.TryAddSingleton(connection);
        builder.Services.TryAddSingleton(sp => new RedisClient(connection, sp.GetService<ILogger<RedisClient>>()));
        builder.Services.TryAddSingleton(sp => new RedisSubscriber(
            connection,
            sp.GetRequiredService<IOptions<RedisSubscriberOptions>>().Value,
            sp.GetService<IRedisPointRecorder>() ?? (sp.GetService<InfluxRecorder>() is { } influx ? new InfluxRedisPointRecorder(influx) : null),
            sp.GetService<ILogger<RedisSubscriber>>()));
        return builder;
    }
}
