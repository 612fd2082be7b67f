using Aspire.Confluent.Kafka;
using Confluent.Kafka;
using Monitoring.Lib.Kafka;
using Monitoring.Lib.Kafka.Internal;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Kafka producers in Aspire.Confluent.Kafka's shape (same namespace, names, overloads and settings): each registers a
/// singleton <see cref="IProducer{TKey, TValue}"/> that is a <see cref="MonitoredProducer{TKey, TValue}"/> (resolvable as
/// either), built when first resolved, and the connection's health check unless
/// <see cref="KafkaProducerSettings.DisableHealthChecks"/>. Settings: see <see cref="KafkaProducerSettings"/>. A second
/// unkeyed producer of the same types is refused (Aspire would replace the first): use the keyed variant.
/// </summary>
public static class AspireKafkaProducerExtensions
{
    /// <summary>Adds the producer of connection <paramref name="connectionName"/> (<c>ConnectionStrings:{connectionName}</c>).</summary>
    public static void AddKafkaProducer<TKey, TValue>(this IHostApplicationBuilder builder, string connectionName) =>
        KafkaClientRegistration.AddProducer<TKey, TValue>(builder, connectionName, null, null, null);

    /// <summary>As <see cref="AddKafkaProducer{TKey, TValue}(IHostApplicationBuilder, string)"/>; <paramref name="configureSettings"/> runs after the configuration is read.</summary>
    public static void AddKafkaProducer<TKey, TValue>(this IHostApplicationBuilder builder, string connectionName,
        Action<KafkaProducerSettings>? configureSettings) =>
        KafkaClientRegistration.AddProducer<TKey, TValue>(builder, connectionName, null, configureSettings, null);

    /// <summary>As <see cref="AddKafkaProducer{TKey, TValue}(IHostApplicationBuilder, string)"/>; <paramref name="configureBuilder"/> may set serializers and handlers.</summary>
    public static void AddKafkaProducer<TKey, TValue>(this IHostApplicationBuilder builder, string connectionName,
        Action<ProducerBuilder<TKey, TValue>>? configureBuilder) =>
        KafkaClientRegistration.AddProducer<TKey, TValue>(builder, connectionName, null, null, Adapt(configureBuilder));

    /// <summary>As <see cref="AddKafkaProducer{TKey, TValue}(IHostApplicationBuilder, string)"/>; <paramref name="configureBuilder"/> gets the services (e.g. a serializer from DI).</summary>
    public static void AddKafkaProducer<TKey, TValue>(this IHostApplicationBuilder builder, string connectionName,
        Action<IServiceProvider, ProducerBuilder<TKey, TValue>>? configureBuilder) =>
        KafkaClientRegistration.AddProducer(builder, connectionName, null, null, configureBuilder);

    /// <summary>As <see cref="AddKafkaProducer{TKey, TValue}(IHostApplicationBuilder, string)"/>, with both delegates.</summary>
    public static void AddKafkaProducer<TKey, TValue>(this IHostApplicationBuilder builder, string connectionName,
        Action<KafkaProducerSettings>? configureSettings, Action<ProducerBuilder<TKey, TValue>>? configureBuilder) =>
        KafkaClientRegistration.AddProducer<TKey, TValue>(builder, connectionName, null, configureSettings, Adapt(configureBuilder));

    /// <summary>As <see cref="AddKafkaProducer{TKey, TValue}(IHostApplicationBuilder, string)"/>, with both delegates.</summary>
    public static void AddKafkaProducer<TKey, TValue>(this IHostApplicationBuilder builder, string connectionName,
        Action<KafkaProducerSettings>? configureSettings, Action<IServiceProvider, ProducerBuilder<TKey, TValue>>? configureBuilder) =>
        KafkaClientRegistration.AddProducer(builder, connectionName, null, configureSettings, configureBuilder);

    /// <summary>Adds a producer resolved by <paramref name="name"/> (<c>[FromKeyedServices(name)]</c>), also the connection's name.</summary>
    public static void AddKeyedKafkaProducer<TKey, TValue>(this IHostApplicationBuilder builder, string name) =>
        KafkaClientRegistration.AddProducer<TKey, TValue>(builder, name, Key(name), null, null);

    /// <summary>As <see cref="AddKeyedKafkaProducer{TKey, TValue}(IHostApplicationBuilder, string)"/>, with a settings delegate.</summary>
    public static void AddKeyedKafkaProducer<TKey, TValue>(this IHostApplicationBuilder builder, string name,
        Action<KafkaProducerSettings>? configureSettings) =>
        KafkaClientRegistration.AddProducer<TKey, TValue>(builder, name, Key(name), configureSettings, null);

    /// <summary>As <see cref="AddKeyedKafkaProducer{TKey, TValue}(IHostApplicationBuilder, string)"/>, with a builder delegate.</summary>
    public static void AddKeyedKafkaProducer<TKey, TValue>(this IHostApplicationBuilder builder, string name,
        Action<ProducerBuilder<TKey, TValue>>? configureBuilder) =>
        KafkaClientRegistration.AddProducer<TKey, TValue>(builder, name, Key(name), null, Adapt(configureBuilder));

    /// <summary>As <see cref="AddKeyedKafkaProducer{TKey, TValue}(IHostApplicationBuilder, string)"/>, with a builder delegate that gets the services.</summary>
    public static void AddKeyedKafkaProducer<TKey, TValue>(this IHostApplicationBuilder builder, string name,
        Action<IServiceProvider, ProducerBuilder<TKey, TValue>>? configureBuilder) =>
        KafkaClientRegistration.AddProducer(builder, name, Key(name), null, configureBuilder);

    /// <summary>As <see cref="AddKeyedKafkaProducer{TKey, TValue}(IHostApplicationBuilder, string)"/>, with both delegates.</summary>
    public static void AddKeyedKafkaProducer<TKey, TValue>(this IHostApplicationBuilder builder, string name,
        Action<KafkaProducerSettings>? configureSettings, Action<ProducerBuilder<TKey, TValue>>? configureBuilder) =>
        KafkaClientRegistration.AddProducer<TKey, TValue>(builder, name, Key(name), configureSettings, Adapt(configureBuilder));

    /// <summary>As <see cref="AddKeyedKafkaProducer{TKey, TValue}(IHostApplicationBuilder, string)"/>, with both delegates.</summary>
    public static void AddKeyedKafkaProducer<TKey, TValue>(this IHostApplicationBuilder builder, string name,
        Action<KafkaProducerSettings>? configureSettings, Action<IServiceProvider, ProducerBuilder<TKey, TValue>>? configureBuilder) =>
        KafkaClientRegistration.AddProducer(builder, name, Key(name), configureSettings, configureBuilder);

    private static string Key(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return name;
    }

    private static Action<IServiceProvider, ProducerBuilder<TKey, TValue>>? Adapt<TKey, TValue>(Action<ProducerBuilder<TKey, TValue>>? configureBuilder) =>
        configureBuilder is null ? null : (_, producer) => configureBuilder(producer);
}
