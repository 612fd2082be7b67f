using Microsoft.Extensions.Configuration;

namespace Monitoring.Lib;

/// <summary>
/// The master switch <c>Monitoring:Enabled</c> (default <c>true</c>). <c>false</c> turns off everything the layer sends
/// or adds per request: no metrics push, no InfluxDB points (<c>AddInfluxPoints</c> registers nothing), no request
/// middleware (<c>UseRequestMonitoring</c> adds nothing, so no request ids are echoed), no librdkafka statistics, no
/// OpenTelemetry export. Counters stay in memory (a few nanoseconds each) and <c>/metrics</c> still answers, so code that
/// increments them needs no change. Meant to measure the layer's cost and to switch it off in an emergency without a build.
/// </summary>
public static class MonitoringSwitch
{
    /// <summary>The configuration key, <c>Monitoring:Enabled</c> (environment variable <c>Monitoring__Enabled</c>).</summary>
    public const string Key = MonitoringSections.Root + ":Enabled";

    /// <summary>Whether monitoring is on: true unless <c>Monitoring:Enabled</c> is <c>false</c>.</summary>
    /// <exception cref="InvalidOperationException">The value is neither <c>true</c> nor <c>false</c>; the message names the key and the value.</exception>
    public static bool IsEnabled(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var text = configuration[Key];
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }
        return bool.TryParse(text.Trim(), out var enabled)
            ? enabled
            : throw new InvalidOperationException($"{Key} is '{text}': use true or false.");
    }
}
