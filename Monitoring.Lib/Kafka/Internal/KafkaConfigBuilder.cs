using System.Globalization;

namespace Monitoring.Lib.Kafka.Internal;

/// <summary>Turns <see cref="KafkaSettings"/> into librdkafka properties: named settings first, then the extra ones.</summary>
internal static class KafkaConfigBuilder
{
    public static Dictionary<string, string> Build(KafkaSettings settings, bool forConsumer)
    {
        var config = new Dictionary<string, string>(StringComparer.Ordinal);
        Set(config, "bootstrap.servers", settings.BootstrapServers);
        Set(config, "client.id", settings.ClientId);
        if (forConsumer)
        {
            Set(config, "group.id", settings.GroupId);
            if (settings.SessionTimeout is { } session)
            {
                config["session.timeout.ms"] = ((long)session.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);
            }
        }
        Set(config, "security.protocol", settings.SecurityProtocol?.ToLowerInvariant());
        Set(config, "sasl.mechanism", settings.SaslMechanism?.ToUpperInvariant());
        Set(config, "sasl.username", settings.SaslUsername);
        Set(config, "sasl.password", settings.SaslPassword);
        Set(config, "ssl.ca.location", settings.SslCaLocation);
        if (settings.StatisticsInterval > TimeSpan.Zero && !settings.DisableMetrics)
        {
            config["statistics.interval.ms"] = ((long)settings.StatisticsInterval.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);
        }
        foreach (var (key, value) in settings.Properties)
        {
            if (KafkaPropertyScope.AppliesTo(key, forConsumer))
            {
                config[key] = value;
            }
        }
        return config;
    }

    private static void Set(Dictionary<string, string> config, string key, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            config[key] = value;
        }
    }
}
