using Microsoft.Extensions.Configuration;

namespace Monitoring.Lib.Internal;

/// <summary>
/// The reference design's environment variables, each honoured as the fallback of one configuration key: the key,
/// from any configuration source, wins; the variable counts only while the key is unset. The one place they are
/// mapped (docs/configuration.md lists the same table). Numbers of seconds stay numbers of seconds, as they always were.
/// </summary>
internal static class LegacyVariables
{
    private static readonly Dictionary<string, string> VariableByKey = new(StringComparer.OrdinalIgnoreCase)
    {
        [MonitoringSections.Metrics + ":AppName"] = "APP_NAME",
        [MonitoringSections.Metrics + ":PodName"] = "HOSTNAME",
        [MonitoringSections.Metrics + ":ServiceName"] = "METRICS_SERVICE_NAME",
        [MonitoringSections.Metrics + ":ServicePort"] = "METRICS_SERVICE_PORT",
        [MonitoringSections.Metrics + ":PodPort"] = "METRICS_POD_PORT",
        [MonitoringSections.Metrics + ":PushInterval"] = "METRICS_PUSH_RATE",
        [MonitoringSections.Kafka + ":PollTimeout"] = "POLL_TIMEOUT",
    };

    /// <summary>The value of <paramref name="key"/>, else of its variable, with the name of whichever supplied it; null when neither is set.</summary>
    public static (string Source, string Value)? Read(IConfiguration configuration, string key)
    {
        if (configuration[key] is { } value)
        {
            return (key, value);
        }
        return VariableByKey.TryGetValue(key, out var variable) && configuration[variable] is { } legacy ? (variable, legacy) : null;
    }

    /// <summary>The value of <paramref name="key"/>, else of its variable; null when neither is set.</summary>
    public static string? Value(IConfiguration configuration, string key) => Read(configuration, key)?.Value;

    /// <summary><paramref name="key"/> and, when it has one, its variable in brackets, for messages: <c>Monitoring:Metrics:PushInterval (METRICS_PUSH_RATE)</c>.</summary>
    public static string Describe(string key) => VariableByKey.TryGetValue(key, out var variable) ? $"{key} ({variable})" : key;
}
