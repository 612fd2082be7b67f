using Confluent.Kafka;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Monitoring.Lib.Kafka.Internal;

namespace Monitoring.Lib.Kafka;

/// <summary>
/// Several Kafka clients of the same types in one service, each resolved by its name (<c>[FromKeyedServices(name)]</c>),
/// as Aspire.Confluent.Kafka's <c>AddKeyedKafkaProducer</c>/<c>AddKeyedKafkaConsumer</c>. The name is also the
/// connection name: <c>ConnectionStrings:{name}</c> and the <c>{name}</c> sub-sections of the Aspire sections.
/// </summary>
public static class KafkaKeyedServiceCollectionExtensions
{
    /// <summary>Adds a <see cref="MonitoredProducer{TKey, TValue}"/> keyed <paramref name="name"/>; see <c>AddKafkaProducer</c>.</summary>
    /// <exception cref="InvalidOperationException">A producer of these types keyed <paramref name="name"/> is registered already, or a setting is invalid.</exception>
    public static IHostApplicationBuilder AddKeyedKafkaProducer<TKey, TValue>(this IHostApplicationBuilder builder, string name,
        Action<KafkaSettings>? configureSettings = null, Action<ProducerBuilder<TKey, TValue>>? configureBuilder = null)
    {
        RefuseSecond<MonitoredProducer<TKey, TValue>>(builder, name);
        var settings = KafkaServiceCollectionExtensions.Read(builder, name, KafkaClientRoles.Producer, configureSettings);
        builder.Services.AddKeyedSingleton(name, (sp, _) => KafkaServiceCollectionExtensions.CreateProducer(sp, settings, configureBuilder));
        return builder;
    }

    /// <summary>Adds a <see cref="MonitoredConsumer{TKey, TValue}"/> keyed <paramref name="name"/> (<c>GroupId</c> required); see <c>AddKafkaConsumer</c>.</summary>
    /// <exception cref="InvalidOperationException">A consumer of these types keyed <paramref name="name"/> is registered already, or a setting is invalid.</exception>
    public static IHostApplicationBuilder AddKeyedKafkaConsumer<TKey, TValue>(this IHostApplicationBuilder builder, string name,
        Action<KafkaSettings>? configureSettings = null, Action<ConsumerBuilder<TKey, TValue>>? configureBuilder = null)
    {
        RefuseSecond<MonitoredConsumer<TKey, TValue>>(builder, name);
        var config = KafkaServiceCollectionExtensions.Read(builder, name, KafkaClientRoles.Consumer, configureSettings).ToConsumerConfig();
        builder.Services.AddKeyedSingleton(name, (sp, _) => KafkaServiceCollectionExtensions.CreateConsumer(sp, config, configureBuilder));
        return builder;
    }

    private static void RefuseSecond<TService>(IHostApplicationBuilder builder, string name)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (builder.Services.Any(d => d.ServiceType == typeof(TService) && d.IsKeyedService && Equals(d.ServiceKey, name)))
        {
            throw new InvalidOperationException($"A Kafka client of these types named '{name}' is registered already.");
        }
    }
}
