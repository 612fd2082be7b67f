using Aspire.Confluent.Kafka;
using Confluent.Kafka;
using Monitoring.Lib.Kafka;
using Monitoring.Lib.Kafka.Internal;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Kafka consumers in Aspire.Confluent.Kafka's shape (same namespace, names, overloads and settings): each registers a
/// singleton <see cref="IConsumer{TKey, TValue}"/> that is a <see cref="MonitoredConsumer{TKey, TValue}"/> (resolvable as
/// either), built when first resolved (<c>Config.GroupId</c> is required then), and the connection's health check unless
/// <see cref="KafkaConsumerSettings.DisableHealthChecks"/>. Settings: see <see cref="KafkaConsumerSettings"/>. A second
/// unkeyed consumer of the same types is refused (Aspire would replace the first): use the keyed variant.
/// </summary>
public static class AspireKafkaConsumerExtensions
{
    /// <summary>Adds the consumer of connection <paramref name="connectionName"/> (<c>ConnectionStrings:{connectionName}</c>).</summary>
    public static void AddKafkaConsumer<TKey, TValue>(this IHostApplicationBuilder builder, string connectionName) =>
        KafkaClientRegistration.AddConsumer<TKey, TValue>(builder, connectionName, null, null, null);

    /// <summary>As <see cref="AddKafkaConsumer{TKey, TValue}(IHostApplicationBuilder, string)"/>; <paramref name="configureSettings"/> runs after the configuration is read.</summary>
    public static void AddKafkaConsumer<TKey, TValue>(this IHostApplicationBuilder builder, string connectionName,
        Action<KafkaConsumerSettings>? configureSettings) =>
        KafkaClientRegistration.AddConsumer<TKey, TValue>(builder, connectionName, null, configureSettings, null);

    /// <summary>As <see cref="AddKafkaConsumer{TKey, TValue}(IHostApplicationBuilder, string)"/>; <paramref name="configureBuilder"/> may set deserializers and handlers.</summary>
    public static void AddKafkaConsumer<TKey, TValue>(this IHostApplicationBuilder builder, string connectionName,
        Action<ConsumerBuilder<TKey, TValue>>? configureBuilder) =>
        KafkaClientRegistration.AddConsumer<TKey, TValue>(builder, connectionName, null, null, Adapt(configureBuilder));

    /// <summary>As <see cref="AddKafkaConsumer{TKey, TValue}(IHostApplicationBuilder, string)"/>; <paramref name="configureBuilder"/> gets the services (e.g. a deserializer from DI).</summary>
    public static void AddKafkaConsumer<TKey, TValue>(this IHostApplicationBuilder builder, string connectionName,
        Action<IServiceProvider, ConsumerBuilder<TKey, TValue>>? configureBuilder) =>
        KafkaClientRegistration.AddConsumer(builder, connectionName, null, null, configureBuilder);

    /// <summary>As <see cref="AddKafkaConsumer{TKey, TValue}(IHostApplicationBuilder, string)"/>, with both delegates.</summary>
    public static void AddKafkaConsumer<TKey, TValue>(this IHostApplicationBuilder builder, string connectionName,
        Action<KafkaConsumerSettings>? configureSettings, Action<ConsumerBuilder<TKey, TValue>>? configureBuilder) =>
        KafkaClientRegistration.AddConsumer<TKey, TValue>(builder, connectionName, null, configureSettings, Adapt(configureBuilder));

    /// <summary>As <see cref="AddKafkaConsumer{TKey, TValue}(IHostApplicationBuilder, string)"/>, with both delegates.</summary>
    public static void AddKafkaConsumer<TKey, TValue>(this IHostApplicationBuilder builder, string connectionName,
        Action<KafkaConsumerSettings>? configureSettings, Action<IServiceProvider, ConsumerBuilder<TKey, TValue>>? configureBuilder) =>
        KafkaClientRegistration.AddConsumer(builder, connectionName, null, configureSettings, configureBuilder);

    /// <summary>Adds a consumer resolved by <paramref name="name"/> (<c>[FromKeyedServices(name)]</c>), also the connection's name.</summary>
    public static void AddKeyedKafkaConsumer<TKey, TValue>(this IHostApplicationBuilder builder, string name) =>
        KafkaClientRegistration.AddConsumer<TKey, TValue>(builder, name, Key(name), null, null);

    /// <summary>As <see cref="AddKeyedKafkaConsumer{TKey, TValue}(IHostApplicationBuilder, string)"/>, with a settings delegate.</summary>
    public static void AddKeyedKafkaConsumer<TKey, TValue>(this IHostApplicationBuilder builder, string name,
        Action<KafkaConsumerSettings>? configureSettings) =>
        KafkaClientRegistration.AddConsumer<TKey, TValue>(builder, name, Key(name), configureSettings, null);

    /// <summary>As <see cref="AddKeyedKafkaConsumer{TKey, TValue}(IHostApplicationBuilder, string)"/>, with a builder delegate.</summary>
    public static void AddKeyedKafkaConsumer<TKey, TValue>(this IHostApplicationBuilder builder, string name,
        Action<ConsumerBuilder<TKey, TValue>>? configureBuilder) =>
        KafkaClientRegistration.AddConsumer<TKey, TValue>(builder, name, Key(name), null, Adapt(configureBuilder));

    /// <summary>As <see cref="AddKeyedKafkaConsumer{TKey, TValue}(IHostApplicationBuilder, string)"/>, with a builder delegate that gets the services.</summary>
    public static void AddKeyedKafkaConsumer<TKey, TValue>(this IHostApplicationBuilder builder, string name,
        Action<IServiceProvider, ConsumerBuilder<TKey, TValue>>? configureBuilder) =>
        KafkaClientRegistration.AddConsumer(builder, name, Key(name), null, configureBuilder);

    /// <summary>As <see cref="AddKeyedKafkaConsumer{TKey, TValue}(IHostApplicationBuilder, string)"/>, with both delegates.</summary>
    public static void AddKeyedKafkaConsumer<TKey, TValue>(this IHostApplicationBuilder builder, string name,
        Action<KafkaConsumerSettings>? configureSettings, Action<ConsumerBuilder<TKey, TValue>>? configureBuilder) =>
        KafkaClientRegistration.AddConsumer<TKey, TValue>(builder, name, Key(name), configureSettings, Adapt(configureBuilder));

    /// <summary>As <see cref="AddKeyedKafkaConsumer{TKey, TValue}(IHostApplicationBuilder, string)"/>, with both delegates.</summary>
    public static void AddKeyedKafkaConsumer<TKey, TValue>(this IHostApplicationBuilder builder, string name,
        Action<KafkaConsumerSettings>? configureSettings, Action<IServiceProvider, ConsumerBuilder<TKey, TValue>>? configureBuilder) =>
        KafkaClientRegistration.AddConsumer(builder, name, Key(name), configureSettings, configureBuilder);

    private static string Key(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return name;
    }

    private static Action<IServiceProvider, ConsumerBuilder<TKey, TValue>>? Adapt<TKey, TValue>(Action<ConsumerBuilder<TKey, TValue>>? configureBuilder) =>
        configureBuilder is null ? null : (_, consumer) => configureBuilder(consumer);
}
