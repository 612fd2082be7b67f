using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Monitoring.Lib;
using Monitoring.Lib.Influx;
using Monitoring.Lib.Internal;
using Monitoring.Lib.Redis;
using Monitoring.Lib.Redis.Internal;
using StackExchange.Redis;

namespace Microsoft.Extensions.Hosting;

public static partial class MonitoringExtensions
{
    /// <summary>
    /// Adds a <see cref="RedisSubscriber"/> singleton over the <see cref="IConnectionMultiplexer"/> that
    /// <c>builder.AddRedisClient(name)</c> (Aspire.StackExchange.Redis) registers, with <see cref="RedisSubscriberOptions"/>
    /// bound from <c>Monitoring:Redis</c> and validated at start. Its <c>ServiceName</c> defaults to the <c>service</c>
    /// tag of the other points: <c>Monitoring:ServiceName</c>, else the metrics app name (<c>Monitoring:Metrics:AppName</c>,
    /// <c>APP_NAME</c>), else the application name. Points go through the registered <see cref="IRedisPointRecorder"/>,
    /// else through <see cref="InfluxRecorder"/> when <c>AddInfluxPoints()</c> was called (before or after), else nowhere.
    /// <paramref name="configureSettings"/> runs after the section, before validation.
    /// </summary>
    /// <exception cref="InvalidOperationException">
    /// A subscriber is registered already: use <see cref="AddKeyedRedisSubscriber"/> for a second connection.
    /// </exception>
    public static IHostApplicationBuilder AddRedisSubscriber(this IHostApplicationBuilder builder, Action<RedisSubscriberOptions>? configureSettings = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (builder.Services.Any(d => d.ServiceType == typeof(RedisSubscriber) && !d.IsKeyedService))
        {
            throw new InvalidOperationException(
                "AddRedisSubscriber() was called twice: a service has one default Redis subscriber. Use AddKeyedRedisSubscriber(name) with AddKeyedRedisClient(name) for another connection.");
        }
        AddRedisSubscriberOptions(builder);
        if (configureSettings is not null)
        {
            builder.Services.Configure(configureSettings);
        }
        builder.Services.AddSingleton(sp => CreateRedisSubscriber(sp, sp.GetService<IConnectionMultiplexer>()
            ?? throw MissingRedisConnection("builder.AddRedisClient(\"redis\")")));
        AddRedisSubscriberHealthCheck(builder, "redis-subscriber", sp => sp.GetRequiredService<IConnectionMultiplexer>());
        return builder;
    }

    /// <summary>
    /// Adds a <see cref="RedisSubscriber"/> keyed <paramref name="name"/> over the <see cref="IConnectionMultiplexer"/>
    /// that <c>builder.AddKeyedRedisClient(name)</c> registers; resolve it with <c>[FromKeyedServices(name)]</c>. The
    /// options are those of <see cref="AddRedisSubscriber"/>, shared by every subscriber of the service.
    /// </summary>
    /// <exception cref="InvalidOperationException">A subscriber keyed <paramref name="name"/> is registered already.</exception>
    public static IHostApplicationBuilder AddKeyedRedisSubscriber(this IHostApplicationBuilder builder, string name)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (builder.Services.Any(d => d.ServiceType == typeof(RedisSubscriber) && d.IsKeyedService && Equals(d.ServiceKey, name)))
        {
            throw new InvalidOperationException($"AddKeyedRedisSubscriber(\"{name}\") was called twice.");
        }
        AddRedisSubscriberOptions(builder);
        builder.Services.AddKeyedSingleton(name, (sp, _) => CreateRedisSubscriber(sp, sp.GetKeyedService<IConnectionMultiplexer>(name)
            ?? throw MissingRedisConnection($"builder.AddKeyedRedisClient(\"{name}\")")));
        AddRedisSubscriberHealthCheck(builder, $"redis-subscriber_{name}", sp => sp.GetRequiredKeyedService<IConnectionMultiplexer>(name));
        return builder;
    }

    private static void AddRedisSubscriberOptions(IHostApplicationBuilder builder)
    {
        if (builder.Services.Any(d => d.ServiceType == typeof(IValidateOptions<RedisSubscriberOptions>)))
        {
            return;
        }
        builder.Services.AddOptions<RedisSubscriberOptions>()
            .Configure<IServiceProvider>((o, services) => o.ServiceName = ServiceNames.ServiceName(services) is { Length: > 0 } name ? name : o.ServiceName)
            .Bind(builder.Configuration.GetSection(MonitoringSections.Redis))
            .ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RedisSubscriberOptions>, RedisSubscriberOptionsValidator>());
    }

    // Added when the health options are built, so the section and every delegate have set DisableHealthChecks and the
    // failure status by then.
    private static void AddRedisSubscriberHealthCheck(IHostApplicationBuilder builder, string name, Func<IServiceProvider, IConnectionMultiplexer> connection)
    {
        builder.Services.AddHealthChecks();
        builder.Services.AddOptions<HealthCheckServiceOptions>().Configure<IOptions<RedisSubscriberOptions>>((health, redis) =>
        {
            if (!redis.Value.DisableHealthChecks && health.Registrations.All(r => r.Name != name))
            {
                health.Registrations.Add(new HealthCheckRegistration(name, sp => new RedisSubscriberHealthCheck(connection(sp)),
                    redis.Value.HealthCheckFailureStatus, ["ready"]));
            }
        });
    }

    private static RedisSubscriber CreateRedisSubscriber(IServiceProvider services, IConnectionMultiplexer connection) => new(
        connection,
        services.GetRequiredService<IOptions<RedisSubscriberOptions>>().Value,
        services.GetService<IRedisPointRecorder>() ?? (services.GetService<InfluxRecorder>() is { } influx ? new InfluxRedisPointRecorder(influx) : null),
        services.GetService<ILogger<RedisSubscriber>>());

    private static InvalidOperationException MissingRedisConnection(string call) => new(
        $"The Redis subscriber needs a Redis connection: call {call} (Aspire.StackExchange.Redis) in the service's setup.");
}
