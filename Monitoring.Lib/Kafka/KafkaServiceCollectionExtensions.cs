using System.Diagnostics.CodeAnalysis;
using Confluent.Kafka;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Monitoring.Lib.Kafka.Internal;
using Monitoring.Lib.Metrics;

namespace Monitoring.Lib.Kafka;

/// <summary>
/// Registers the Kafka helpers in Aspire.Confluent.Kafka's shape: settings from <c>ConnectionStrings:{connectionName}</c>,
/// the <c>Aspire:Confluent:Kafka:Producer</c>/<c>Consumer</c> sections (and their <c>{connectionName}</c> sub-sections),
/// section <c>Monitoring:Kafka</c> and <c>POLL_TIMEOUT</c>, then the delegate; validated at registration, so a bad value
/// stops the application before it starts. Each registration adds the connection's health check (named after the
/// connection, tag <c>ready</c>; unless <see cref="KafkaSettings.DisableHealthChecks"/>), routes librdkafka's logs to
/// the <c>Confluent.Kafka</c> logger and adds the metrics manager (<c>AddMonitoringMetrics</c>). Keyed variants:
/// <see cref="KafkaKeyedServiceCollectionExtensions"/>.
/// </summary>
public static class KafkaServiceCollectionExtensions
{
    /// <summary>Adds <see cref="KafkaSettings"/> as a singleton (the first registration wins) and returns the settings read.</summary>
    public static KafkaSettings AddKafkaSettings(this IHostApplicationBuilder builder, string connectionName = "kafka",
        Action<KafkaSettings>? configureSettings = null)
    {
        var settings = Read(builder, connectionName, KafkaClientRoles.StreamWorker, configureSettings);
        builder.Services.TryAddSingleton(settings);
        return settings;
    }

    /// <summary>Adds a singleton <see cref="MonitoredProducer{TKey, TValue}"/>; <paramref name="configureBuilder"/> may set serializers.</summary>
    /// <exception cref="InvalidOperationException">A producer of these types is registered already (use a keyed one), or a setting is invalid.</exception>
    public static IHostApplicationBuilder AddKafkaProducer<TKey, TValue>(this IHostApplicationBuilder builder, string connectionName = "kafka",
        Action<KafkaSettings>? configureSettings = null, Action<ProducerBuilder<TKey, TValue>>? configureBuilder = null)
    {
        RefuseSecond<MonitoredProducer<TKey, TValue>>(builder, "AddKafkaProducer", "AddKeyedKafkaProducer");
        var settings = Read(builder, connectionName, KafkaClientRoles.Producer, configureSettings);
        builder.Services.AddSingleton(sp => CreateProducer(sp, settings, configureBuilder));
        return builder;
    }

    /// <summary>
    /// Adds a singleton <see cref="MonitoredConsumer{TKey, TValue}"/> (<c>GroupId</c> required); <paramref name="configureBuilder"/>
    /// may set deserializers. Its <c>PollTimeout</c> is in the registered <see cref="KafkaSettings"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException">A consumer of these types is registered already (use a keyed one), or a setting is invalid.</exception>
    public static IHostApplicationBuilder AddKafkaConsumer<TKey, TValue>(this IHostApplicationBuilder builder, string connectionName = "kafka",
        Action<KafkaSettings>? configureSettings = null, Action<ConsumerBuilder<TKey, TValue>>? configureBuilder = null)
    {
        RefuseSecond<MonitoredConsumer<TKey, TValue>>(builder, "AddKafkaConsumer", "AddKeyedKafkaConsumer");
        var settings = Read(builder, connectionName, KafkaClientRoles.Consumer, configureSettings);
        var config = settings.ToConsumerConfig();
        builder.Services.TryAddSingleton(settings);
        builder.Services.AddSingleton(sp => CreateConsumer(sp, config, configureBuilder));
        return builder;
    }

    /// <summary>
    /// Adds the stream worker <typeparamref name="TWorker"/> as a hosted service, with <see cref="KafkaSettings"/> registered
    /// for its constructor (<c>GroupId</c> required).
    /// </summary>
    public static IHostApplicationBuilder AddKafkaStreamWorker<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TWorker>(this IHostApplicationBuilder builder, string connectionName = "kafka",
        Action<KafkaSettings>? configureSettings = null)
        where TWorker : class, IHostedService
    {
        var settings = Read(builder, connectionName, KafkaClientRoles.StreamWorker, configureSettings);
        KafkaSettingsValidator.RequireGroupId(settings);
        builder.Services.TryAddSingleton(settings);
        builder.Services.AddHostedService<TWorker>();
        return builder;
    }

    internal static KafkaSettings Read(IHostApplicationBuilder builder, string connectionName, KafkaClientRoles roles, Action<KafkaSettings>? configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddMonitoringMetrics();
        var settings = KafkaSettingsReader.Read(builder.Configuration, connectionName, roles);
        configure?.Invoke(settings);
        settings.Validate();
        if (!settings.DisableHealthChecks)
        {
            KafkaHealthCheck.Register(builder.Services, connectionName, settings.BootstrapServers!);
        }
        return settings;
    }

    internal static MonitoredProducer<TKey, TValue> CreateProducer<TKey, TValue>(IServiceProvider services, KafkaSettings settings,
        Action<ProducerBuilder<TKey, TValue>>? configureBuilder) =>
        new(settings.ToProducerConfig(), services.GetRequiredService<MetricsManager>(), configureBuilder, ClientLogger(services))
        {
            TracingEnabled = !settings.DisableTracing,
        };

    internal static MonitoredConsumer<TKey, TValue> CreateConsumer<TKey, TValue>(IServiceProvider services, ConsumerConfig config,
        Action<ConsumerBuilder<TKey, TValue>>? configureBuilder) =>
        new(config, services.GetRequiredService<MetricsManager>(), services.GetService<TimeProvider>(), configureBuilder, ClientLogger(services));

    private static ILogger? ClientLogger(IServiceProvider services) => services.GetService<ILoggerFactory>()?.CreateLogger(KafkaClientLog.Category);

    private static void RefuseSecond<TService>(IHostApplicationBuilder builder, string method, string keyedMethod)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (builder.Services.Any(d => d.ServiceType == typeof(TService) && !d.IsKeyedService))
        {
            throw new InvalidOperationException(
                $"{method}<{string.Join(", ", typeof(TService).GetGenericArguments().Select(t => t.Name))}> was called twice: a second client of the same types needs a name, {keyedMethod}(name).");
        }
    }
}
