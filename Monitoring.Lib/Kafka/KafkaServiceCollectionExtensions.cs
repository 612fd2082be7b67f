using System.Diagnostics.CodeAnalysis;
using Confluent.Kafka;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Monitoring.Lib.Kafka.Internal;
using Monitoring.Lib.Metrics;

namespace Monitoring.Lib.Kafka;

/// <summary>
/// Registers the Kafka helpers the way Aspire.Confluent.Kafka does: settings from <c>ConnectionStrings:{connectionName}</c>,
/// section <c>Monitoring:Kafka</c> and <c>POLL_TIMEOUT</c>, then the delegate; validated at registration, so a bad
/// value stops the application before it starts. Each also adds the metrics manager (<c>AddMonitoringMetrics</c>).
/// </summary>
public static class KafkaServiceCollectionExtensions
{
    /// <summary>Adds <see cref="KafkaSettings"/> as a singleton (the first registration wins) and returns the settings read.</summary>
    public static KafkaSettings AddKafkaSettings(this IHostApplicationBuilder builder, string connectionName = "kafka",
        Action<KafkaSettings>? configureSettings = null)
    {
        var settings = ReadSettings(builder, connectionName, configureSettings);
        builder.Services.TryAddSingleton(settings);
        return settings;
    }

    /// <summary>Adds a singleton <see cref="MonitoredProducer{TKey, TValue}"/>; <paramref name="configureBuilder"/> may set serializers.</summary>
    public static IHostApplicationBuilder AddKafkaProducer<TKey, TValue>(this IHostApplicationBuilder builder, string connectionName = "kafka",
        Action<KafkaSettings>? configureSettings = null, Action<ProducerBuilder<TKey, TValue>>? configureBuilder = null)
    {
        var config = ReadSettings(builder, connectionName, configureSettings).ToProducerConfig();
        builder.Services.TryAddSingleton(sp => new MonitoredProducer<TKey, TValue>(config, sp.GetRequiredService<MetricsManager>(), configureBuilder));
        return builder;
    }

    /// <summary>
    /// Adds a singleton <see cref="MonitoredConsumer{TKey, TValue}"/> (<c>GroupId</c> required); <paramref name="configureBuilder"/>
    /// may set deserializers. Its <c>PollTimeout</c> is in the registered <see cref="KafkaSettings"/>.
    /// </summary>
    public static IHostApplicationBuilder AddKafkaConsumer<TKey, TValue>(this IHostApplicationBuilder builder, string connectionName = "kafka",
        Action<KafkaSettings>? configureSettings = null, Action<ConsumerBuilder<TKey, TValue>>? configureBuilder = null)
    {
        var settings = ReadSettings(builder, connectionName, configureSettings);
        var config = settings.ToConsumerConfig();
        builder.Services.TryAddSingleton(settings);
        builder.Services.TryAddSingleton(sp => new MonitoredConsumer<TKey, TValue>(
            config, sp.GetRequiredService<MetricsManager>(), sp.GetService<TimeProvider>(), configureBuilder));
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
        var settings = ReadSettings(builder, connectionName, configureSettings);
        KafkaSettingsValidator.RequireGroupId(settings);
        builder.Services.TryAddSingleton(settings);
        builder.Services.AddHostedService<TWorker>();
        return builder;
    }

    private static KafkaSettings ReadSettings(IHostApplicationBuilder builder, string connectionName, Action<KafkaSettings>? configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddMonitoringMetrics();
        var settings = KafkaSettingsReader.Read(builder.Configuration, connectionName);
        configure?.Invoke(settings);
        settings.Validate();
        return settings;
    }
}
