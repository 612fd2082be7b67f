using System.Diagnostics.CodeAnalysis;
using Aspire.Confluent.Kafka;
using Confluent.Kafka;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Monitoring.Lib.Metrics;

namespace Monitoring.Lib.Kafka.Internal;

/// <summary>
/// What every <c>AddKafkaProducer</c>/<c>AddKafkaConsumer</c> overload comes down to: settings read now (sections,
/// connection string, delegate), validated when the client is first resolved (as Aspire's components do), the monitored
/// client registered as itself and as Confluent.Kafka's interface, keyed or not, and the connection's health check.
/// </summary>
internal static class KafkaClientRegistration
{
    public static void AddProducer<TKey, TValue>(IHostApplicationBuilder builder, string connectionName, object? serviceKey,
        Action<KafkaProducerSettings>? configureSettings, Action<IServiceProvider, ProducerBuilder<TKey, TValue>>? configureBuilder)
    {
        Prepare<IProducer<TKey, TValue>>(builder, connectionName, serviceKey, "AddKafkaProducer", "AddKeyedKafkaProducer");
        var (settings, config) = Read<KafkaProducerSettings, ProducerConfig>(builder, connectionName, KafkaClientRoles.Producer,
            MonitoringSections.AspireKafkaProducer, configureSettings);
        Register<IProducer<TKey, TValue>, MonitoredProducer<TKey, TValue>>(builder, serviceKey, sp => new MonitoredProducer<TKey, TValue>(config.Value, sp.GetRequiredService<MetricsManager>(),
            configureBuilder is null ? null : producer => configureBuilder(sp, producer), ClientLogger(sp))
        {
            TracingEnabled = !settings.DisableTracing,
        });
    }

    public static void AddConsumer<TKey, TValue>(IHostApplicationBuilder builder, string connectionName, object? serviceKey,
        Action<KafkaConsumerSettings>? configureSettings, Action<IServiceProvider, ConsumerBuilder<TKey, TValue>>? configureBuilder)
    {
        Prepare<IConsumer<TKey, TValue>>(builder, connectionName, serviceKey, "AddKafkaConsumer", "AddKeyedKafkaConsumer");
        var (settings, config) = Read<KafkaConsumerSettings, ConsumerConfig>(builder, connectionName, KafkaClientRoles.Consumer,
            MonitoringSections.AspireKafkaConsumer, configureSettings, RequireGroupId);
        Register<IConsumer<TKey, TValue>, MonitoredConsumer<TKey, TValue>>(builder, serviceKey, sp => new MonitoredConsumer<TKey, TValue>(config.Value, sp.GetRequiredService<MetricsManager>(),
            sp.GetService<TimeProvider>(), configureBuilder is null ? null : consumer => configureBuilder(sp, consumer), ClientLogger(sp))
        {
            TracingEnabled = !settings.DisableTracing,
        });
    }

    /// <summary>
    /// Reads one client's settings now (sections, connection string, delegate) and registers the connection's health
    /// check; the configuration is consolidated and validated when first asked for (the client's first resolve).
    /// </summary>
    private static (TSettings Settings, Lazy<TConfig> Config) Read<TSettings, [DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)] TConfig>(
        IHostApplicationBuilder builder, string connectionName,
        KafkaClientRoles role, string aspireSection, Action<TSettings>? configureSettings, Action<TConfig>? validate = null)
        where TSettings : IKafkaClientSettings, new()
        where TConfig : ClientConfig
    {
        var sections = KafkaSettingsReader.ReadSections(builder.Configuration, connectionName, role, out var connectionString);
        var settings = new TSettings
        {
            ConnectionString = connectionString,
            DisableHealthChecks = sections.DisableHealthChecks,
            DisableMetrics = sections.DisableMetrics,
            DisableTracing = sections.DisableTracing,
        };
        Copy(sections, settings.Config, forConsumer: role == KafkaClientRoles.Consumer);
        configureSettings?.Invoke(settings);
        var config = new Lazy<TConfig>(() =>
        {
            Consolidate(settings.Config, settings.ConnectionString, settings.DisableMetrics, sections, connectionName, aspireSection);
            var consolidated = (TConfig)settings.Config;
            validate?.Invoke(consolidated);
            return consolidated;
        });
        if (!settings.DisableHealthChecks)
        {
            KafkaHealthCheck.Register(builder.Services, connectionName, () => config.Value);
        }
        KafkaTelemetry.AddToOpenTelemetry(builder.Services, settings.DisableTracing, settings.DisableMetrics);
        return (settings, config);
    }

    private static void RequireGroupId(ConsumerConfig config)
    {
        if (string.IsNullOrWhiteSpace(config.GroupId))
        {
            throw new InvalidOperationException(
                $"{MonitoringSections.AspireKafkaConsumer}:Config:GroupId is required for a consumer (or {MonitoringSections.Kafka}:GroupId, or Config.GroupId in AddKafkaConsumer's configureSettings); got '{config.GroupId}'.");
        }
    }

    private static void Prepare<TInterface>(IHostApplicationBuilder builder, string connectionName, object? serviceKey, string method, string keyedMethod)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(connectionName);
        // Aspire lets a second registration silently replace the first; here it is refused, naming the way to have both.
        if (builder.Services.Any(d => d.ServiceType == typeof(TInterface) && Equals(d.ServiceKey, serviceKey)))
        {
            var types = string.Join(", ", typeof(TInterface).GetGenericArguments().Select(t => t.Name));
            throw new InvalidOperationException(serviceKey is null
                ? $"{method}<{types}> was called twice: a second client of the same types needs a name, {keyedMethod}(name)."
                : $"A Kafka client of these types named '{serviceKey}' is registered already.");
        }
        builder.AddMonitoringMetrics();
    }

    // The client is one singleton, resolved as itself and as Confluent.Kafka's interface.
    private static void Register<TInterface, TClient>(IHostApplicationBuilder builder, object? serviceKey, Func<IServiceProvider, TClient> create)
        where TInterface : class
        where TClient : class, TInterface
    {
        var services = builder.Services;
        if (serviceKey is null)
        {
            services.AddSingleton(create);
            services.AddSingleton<TInterface>(sp => sp.GetRequiredService<TClient>());
        }
        else
        {
            services.AddKeyedSingleton(serviceKey, (sp, _) => create(sp));
            services.AddKeyedSingleton<TInterface>(serviceKey, (sp, key) => sp.GetRequiredKeyedService<TClient>(key));
        }
    }

    // The sections' values as librdkafka properties, one role's only: what a consumer-only key would make a producer warn about stays out.
    private static void Copy(KafkaSettings sections, ClientConfig config, bool forConsumer)
    {
        foreach (var (key, value) in KafkaConfigBuilder.Build(sections, forConsumer))
        {
            config.Set(key, value);
        }
    }

    private static void Consolidate(ClientConfig config, string? connectionString, bool disableMetrics, KafkaSettings sections,
        string connectionName, string aspireSection)
    {
        KafkaSettingsValidator.ValidateValues(sections);
        if (!string.IsNullOrWhiteSpace(connectionString))
        {
            config.BootstrapServers = connectionString;
        }
        KafkaSettingsValidator.ValidateBootstrap(config.BootstrapServers, $"ConnectionStrings:{connectionName}",
            $"ConnectionStrings:{connectionName} (ConnectionStrings__{connectionName}), {aspireSection}:ConnectionString or {MonitoringSections.Kafka}:BootstrapServers");
        if (disableMetrics)
        {
            config.StatisticsIntervalMs = 0;
        }
    }

    private static ILogger? ClientLogger(IServiceProvider services) => services.GetService<ILoggerFactory>()?.CreateLogger(KafkaClientLog.Category);
}
