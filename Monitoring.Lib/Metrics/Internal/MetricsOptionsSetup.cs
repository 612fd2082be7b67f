using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Monitoring.Lib.Internal;

namespace Monitoring.Lib.Metrics.Internal;

/// <summary>
/// Reads <c>Monitoring:Metrics</c>, then fills each setting the section leaves unset from the reference
/// design's environment variable (<see cref="LegacyVariables"/>), read through configuration so tests and hosts can
/// supply them alike.
/// </summary>
/// <remarks>
/// Read by hand rather than with the reflection binder: the library is AOT-compatible, and parsing here
/// keeps the raw text of a bad value for the validation message.
/// </remarks>
internal sealed class MetricsOptionsSetup(IConfiguration configuration, IHostEnvironment? environment = null) : IConfigureOptions<MetricsOptions>
{
    private const string Prefix = MonitoringSections.Metrics + ":";

    public void Configure(MetricsOptions options)
    {
        var section = configuration.GetSection(MonitoringSections.Metrics);
        options.AppName = ServiceNames.ConfiguredAppName(configuration) ?? options.AppName ?? environment?.ApplicationName;
        options.PodName = LegacyVariables.Value(configuration, Prefix + "PodName") ?? options.PodName ?? DefaultPodName();
        options.ServiceName = LegacyVariables.Value(configuration, Prefix + "ServiceName") ?? options.ServiceName;
        options.ServicePort = ReadInt(options, "ServicePort") ?? options.ServicePort;
        options.PodPort = ReadInt(options, "PodPort") ?? options.PodPort;
        options.PushInterval = ReadSeconds(options, "PushInterval") ?? options.PushInterval;
        if (ReadSeconds(options, "PushTimeout") is { } timeout)
        {
            options.PushTimeout = timeout;
        }
        else if (options.PushTimeout > options.PushInterval && options.PushInterval > TimeSpan.Zero)
        {
            // An unset timeout follows a short interval (METRICS_PUSH_RATE=1 alone must be valid);
            // a timeout set explicitly is left for validation to judge.
            options.PushTimeout = options.PushInterval;
        }
        options.DeleteOnShutdown = ReadBool(options, "DeleteOnShutdown") ?? options.DeleteOnShutdown;
        options.PushEnabled = ReadBool(options, "PushEnabled") ?? options.PushEnabled;
        if (!MonitoringSections.IsEnabled(configuration))
        {
            // The master switch wins over the section: off means nothing leaves the process.
            options.PushEnabled = false;
        }
        foreach (var child in section.GetSection("ReplicaUrls").GetChildren())
        {
            if (!string.IsNullOrWhiteSpace(child.Value))
            {
                options.ReplicaUrls.Add(child.Value);
            }
        }
    }

    /// <summary>
    /// The machine name alone would give every process on one machine (two apps run locally without the AppHost, or
    /// two copies of one) the same push group, each push replacing the other's series; the process id tells them apart.
    /// </summary>
    internal static string DefaultPodName() =>
        string.Create(CultureInfo.InvariantCulture, $"{Environment.MachineName}-{Environment.ProcessId}");

    /// <summary>The section's value if set, else the variable's; with the key to name in a message.</summary>
    private (string Key, string Text)? Read(string name) => LegacyVariables.Read(configuration, Prefix + name);

    private int? ReadInt(MetricsOptions options, string name)
    {
        if (Read(name) is not var (key, text))
        {
            return null;
        }
        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }
        options.UnparsedValues.Add((key, text, "a port number"));
        return null;
    }

    /// <summary>A plain number is seconds (as METRICS_PUSH_RATE always was); otherwise a TimeSpan such as 00:00:10.</summary>
    private TimeSpan? ReadSeconds(MetricsOptions options, string name)
    {
        if (Read(name) is not var (key, text))
        {
            return null;
        }
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
        {
            if (double.IsFinite(seconds) && Math.Abs(seconds) < 1e9)
            {
                return TimeSpan.FromSeconds(seconds);
            }
        }
        else if (TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var span))
        {
            return span;
        }
        options.UnparsedValues.Add((key, text, "a number of seconds or a time span such as 00:00:10"));
        return null;
    }

    private bool? ReadBool(MetricsOptions options, string name)
    {
        if (Read(name) is not var (key, text))
        {
            return null;
        }
        if (bool.TryParse(text, out var value))
        {
            return value;
        }
        options.UnparsedValues.Add((key, text, "true or false"));
        return null;
    }
}
