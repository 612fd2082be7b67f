using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Monitoring.Lib.Kafka.Internal;

/// <summary>Reads <see cref="KafkaSettings"/>: section <c>Monitoring:Kafka</c>, then the connection string and <c>POLL_TIMEOUT</c> for what it leaves unset.</summary>
internal static class KafkaSettingsReader
{
    public const string PollTimeoutVariable = "POLL_TIMEOUT";

    public static KafkaSettings Read(IConfiguration configuration, string connectionName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionName);
        var settings = new KafkaSettings();
        configuration.GetSection(MonitoringSections.Kafka).Bind(settings);
        if (string.IsNullOrWhiteSpace(settings.BootstrapServers))
        {
            settings.BootstrapServers = configuration.GetConnectionString(connectionName);
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
