using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Monitoring.Lib;
using Monitoring.Lib.Kafka;
using Monitoring.Lib.Kafka.Internal;
using Monitoring.Lib.Metrics;

namespace Microsoft.Extensions.Hosting;

public static partial class MonitoringExtensions
{
    /// <summary>Adds <see cref="KafkaSettings"/> as a singleton (the first registration wins) and returns the settings read.</summary>
    internal static KafkaSettings AddKafkaSettings(this IHostApplicationBuilder builder, string connectionName = "kafka",
        Action<KafkaSettings>? configureSettings = null)
    {
        var settings = ReadKafkaSettings(builder, connectionName, KafkaClientRoles.StreamWorker, configureSettings);
        builder.Services.TryAddSingleton(settings);
        return settings;
    }

    /// <summary>
    /// Adds the stream worker <typeparamref name="TWorker"/> as a hosted service, built with the <see cref="KafkaSettings"/>
    /// read here for its constructor's settings parameter (<c>GroupId</c> required) and its other parameters from the
    /// services. Each call adds a worker with its own settings: several workers, of one type or of several, with other
    /// groups or connections, run side by side in one service. Settings, each source over the one before: section
    /// <c>Monitoring:Kafka</c> and <c>POLL_TIMEOUT</c>, the <c>Aspire:Confluent:Kafka:Producer</c> and <c>Consumer</c>
    /// sections (then their <c>{connectionName}</c> sub-sections), <c>ConnectionStrings:{connectionName}</c>, then the
    /// delegate; validated here. Also adds the connection's health check (named after the connection, tag <c>ready</c>;
    /// unless <see cref="KafkaSettings.DisableHealthChecks"/>) and the metrics manager (<c>AddMonitoringMetrics</c>).
    /// </summary>
    public static IHostApplicationBuilder AddKafkaStreamWorker<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TWorker>(this IHostApplicationBuilder builder, string connectionName = "kafka",
        Action<KafkaSettings>? configureSettings = null)
        where TWorker : class, IHostedService
    {
        var settings = ReadKafkaSettings(builder, connectionName, KafkaClientRoles.StreamWorker, configureSettings);
        KafkaSettingsValidator.RequireGroupId(settings);
        // Not AddHostedService, which keeps one registration per worker type, and not KafkaSettings by type from the
        // services, which would give every worker the first one's settings.
        builder.Services.AddSingleton<IHostedService>(services => ActivatorUtilities.CreateInstance<TWorker>(services, settings));
        return builder;
    }

    internal static KafkaSettings ReadKafkaSettings(IHostApplicationBuilder builder, string connectionName, KafkaClientRoles roles, Action<KafkaSettings>? configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddMonitoringMetrics();
        var settings = KafkaSettingsReader.Read(builder.Configuration, connectionName, roles);
        configure?.Invoke(settings);
        settings.Validate();
        KafkaTelemetry.AddToOpenTelemetry(builder.Services, settings.DisableTracing, settings.DisableMetrics);
        if (!settings.DisableHealthChecks)
        {
            KafkaHealthCheck.Register(builder.Services, connectionName, () => KafkaConfigBuilder.Build(settings, forConsumer: false));
        }
        return settings;
    }
}
