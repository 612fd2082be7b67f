using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Confluent.Kafka;
using Microsoft.Extensions.Configuration;

namespace Monitoring.Lib.Kafka.Internal;

/// <summary>
/// Aspire.Confluent.Kafka's configuration shape, so a service configured for that package works unchanged:
/// <c>Aspire:Confluent:Kafka:Producer</c> (or <c>:Consumer</c>), then its <c>{connectionName}</c> sub-section, each with
/// the <c>Disable…</c> switches and <c>Config</c> (librdkafka settings by Confluent.Kafka's property names, e.g.
/// <c>Config:Acks=All</c>, <c>Config:LingerMs=5</c>) and <c>ConnectionString</c>.
/// </summary>
internal static class AspireKafkaSections
{
    /// <summary>
    /// Applies the sections of <paramref name="roles"/> to <paramref name="settings"/>, the named sub-section over the
    /// top-level one, and returns their <c>ConnectionString</c> (the named one's first), or null.
    /// </summary>
    public static string? Apply(IConfiguration configuration, string connectionName, KafkaClientRoles roles, KafkaSettings settings)
    {
        string? connectionString = null;
        if (roles.HasFlag(KafkaClientRoles.Producer))
        {
            connectionString = ApplySection(configuration.GetSection(MonitoringSections.AspireKafkaProducer), settings, new ProducerConfig()) ?? connectionString;
            connectionString = ApplySection(configuration.GetSection(MonitoringSections.AspireKafkaProducer).GetSection(connectionName), settings, new ProducerConfig()) ?? connectionString;
        }
        if (roles.HasFlag(KafkaClientRoles.Consumer))
        {
            connectionString = ApplySection(configuration.GetSection(MonitoringSections.AspireKafkaConsumer), settings, new ConsumerConfig()) ?? connectionString;
            connectionString = ApplySection(configuration.GetSection(MonitoringSections.AspireKafkaConsumer).GetSection(connectionName), settings, new ConsumerConfig()) ?? connectionString;
        }
        return connectionString;
    }

    private static string? ApplySection<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties)] TConfig>(
        IConfigurationSection section, KafkaSettings settings, TConfig config)
        where TConfig : ClientConfig
    {
        settings.DisableHealthChecks = section.GetValue("DisableHealthChecks", settings.DisableHealthChecks);
        settings.DisableMetrics = section.GetValue("DisableMetrics", settings.DisableMetrics);
        settings.DisableTracing = section.GetValue("DisableTracing", settings.DisableTracing);
        foreach (var entry in section.GetSection("Config").GetChildren())
        {
            SetConfig(config, entry);
        }
        foreach (var (key, value) in config)
        {
            switch (key)
            {
                case "bootstrap.servers":
                    settings.BootstrapServers = value;
                    break;
                case "group.id":
                    settings.GroupId = value;
                    break;
                case "client.id":
                    settings.ClientId = value;
                    break;
                default:
                    settings.Properties[key] = value;
                    break;
            }
        }
        return section["ConnectionString"] is { Length: > 0 } connectionString ? connectionString : null;
    }

    // The configuration binder does not bind Confluent.Kafka's config classes (they enumerate as key/value pairs, so it
    // takes them for collections), hence by hand: a property name (Acks, LingerMs) through the typed property, which
    // knows the librdkafka name; a librdkafka name (linger.ms) as it is.
    private static void SetConfig<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties)] TConfig>(
        TConfig config, IConfigurationSection entry)
        where TConfig : ClientConfig
    {
        if (entry.Value is null)
        {
            return;
        }
        var property = Array.Find(typeof(TConfig).GetProperties(), p => string.Equals(p.Name, entry.Key, StringComparison.OrdinalIgnoreCase));
        if (property is null || !property.CanWrite)
        {
            config.Set(entry.Key, entry.Value);
            return;
        }
        var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        try
        {
            property.SetValue(config, type.IsEnum
                ? Enum.Parse(type, entry.Value, ignoreCase: true)
                : Convert.ChangeType(entry.Value, type, CultureInfo.InvariantCulture));
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or OverflowException or InvalidCastException)
        {
            throw new InvalidOperationException($"{entry.Path} is '{entry.Value}': not a valid {type.Name} for {property.Name}.", ex);
        }
    }
}
