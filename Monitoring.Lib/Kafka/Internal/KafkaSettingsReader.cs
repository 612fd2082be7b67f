using System.Globalization;
using Microsoft.Extensions.Configuration;
using Monitoring.Lib.Internal;

namespace Monitoring.Lib.Kafka.Internal;

/// <summary>
/// Reads <see cref="KafkaSettings"/>, each source over the one before: section <c>Monitoring:Kafka</c>,
/// Aspire.Confluent.Kafka's sections for the roles built (top-level, then the <c>{connectionName}</c> sub-section), then
/// the connection string (<c>ConnectionStrings:{connectionName}</c>, else the Aspire sections' <c>ConnectionString</c>),
/// which wins for the bootstrap list, as in Aspire; <c>POLL_TIMEOUT</c> when no section set <c>PollTimeout</c>.
/// </summary>
internal static class KafkaSettingsReader
{
    private const string PollTimeoutKey = MonitoringSections.Kafka + ":PollTimeout";

    public static KafkaSettings Read(IConfiguration configuration, string connectionName, KafkaClientRoles roles)
    {
        var settings = ReadSections(configuration, connectionName, roles, out var connectionString);
        if (connectionString is not null)
        {
            settings.BootstrapServers = connectionString;
        }
        // The section's PollTimeout was bound above; the variable counts only while it is unset.
        if (settings.PollTimeout is null && LegacyVariables.Value(configuration, PollTimeoutKey) is { Length: > 0 } seconds)
        {
            if (!double.TryParse(seconds, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value) || value <= 0 || value > 300)
            {
                throw new InvalidOperationException(
                    $"{LegacyVariables.Describe(PollTimeoutKey)} must be a number of seconds between 0.001 and 300; got '{seconds}'.");
            }
            settings.PollTimeout = TimeSpan.FromSeconds(value);
        }
        return settings;
    }

    /// <summary>The sections alone; the connection string is given apart (null when there is none).</summary>
    public static KafkaSettings ReadSections(IConfiguration configuration, string connectionName, KafkaClientRoles roles, out string? connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionName);
        var settings = new KafkaSettings();
        configuration.GetSection(MonitoringSections.Kafka).Bind(settings);
        var sectionConnectionString = AspireKafkaSections.Apply(configuration, connectionName, roles, settings);
        connectionString = configuration.GetConnectionString(connectionName) is { Length: > 0 } connection ? connection : sectionConnectionString;
        if (!MonitoringSections.IsEnabled(configuration))
        {
            // Statistics only feed gauges; with monitoring off librdkafka need not build the JSON every interval.
            settings.StatisticsInterval = TimeSpan.Zero;
        }
        return settings;
    }
}
