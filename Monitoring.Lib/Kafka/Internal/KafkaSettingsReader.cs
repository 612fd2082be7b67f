using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Monitoring.Lib.Kafka.Internal;

/// <summary>
/// Reads <see cref="KafkaSettings"/>: Aspire.Confluent.Kafka's sections for the roles built, then section
/// <c>Monitoring:Kafka</c> over them, then the connection string (which wins for the bootstrap list, as in Aspire) and
/// <c>POLL_TIMEOUT</c> for what is left unset.
/// </summary>
internal static class KafkaSettingsReader
{
    public const string PollTimeoutVariable = "POLL_TIMEOUT";

    public static KafkaSettings Read(IConfiguration configuration, string connectionName, KafkaClientRoles roles)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionName);
        var settings = new KafkaSettings();
        AspireKafkaSections.Apply(configuration, connectionName, roles, settings);
        var aspireBootstrap = settings.BootstrapServers;
        settings.BootstrapServers = null;
        configuration.GetSection(MonitoringSections.Kafka).Bind(settings);
        if (string.IsNullOrWhiteSpace(settings.BootstrapServers))
        {
            settings.BootstrapServers = configuration.GetConnectionString(connectionName) is { Length: > 0 } connection ? connection : aspireBootstrap;
        }
        if (settings.PollTimeout is null && configuration[PollTimeoutVariable] is { Length: > 0 } seconds)
        {
            if (!double.TryParse(seconds, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value) || value <= 0 || value > 300)
            {
                throw new InvalidOperationException(
                    $"{MonitoringSections.Kafka}:PollTimeout ({PollTimeoutVariable}) must be a number of seconds between 0.001 and 300; got '{seconds}'.");
            }
            settings.PollTimeout = TimeSpan.FromSeconds(value);
        }
        if (!MonitoringSwitch.IsEnabled(configuration))
        {
            // Statistics only feed gauges; with monitoring off librdkafka need not build the JSON every interval.
            settings.StatisticsInterval = TimeSpan.Zero;
        }
        return settings;
    }
}
