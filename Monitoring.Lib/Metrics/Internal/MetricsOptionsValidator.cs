using Microsoft.Extensions.Options;
using Monitoring.Lib.Internal;

namespace Monitoring.Lib.Metrics.Internal;

/// <summary>Checks the options at start; every message names the configuration key, its variable and the bad value.</summary>
internal sealed class MetricsOptionsValidator : IValidateOptions<MetricsOptions>
{
    private const string Prefix = MonitoringSections.Metrics + ":";

    public ValidateOptionsResult Validate(string? name, MetricsOptions options)
    {
        var errors = new List<string>();
        foreach (var (key, value, expected) in options.UnparsedValues)
        {
            errors.Add($"{key} must be {expected}; got '{value}'.");
        }
        if (string.IsNullOrWhiteSpace(options.AppName))
        {
            errors.Add($"{LegacyVariables.Describe(Prefix + "AppName")} must be set; got '{options.AppName}'.");
        }
        if (string.IsNullOrWhiteSpace(options.PodName) || options.PodName.Contains('/', StringComparison.Ordinal))
        {
            errors.Add($"{LegacyVariables.Describe(Prefix + "PodName")} must be set and contain no '/' (it is a URL path segment); got '{options.PodName}'.");
        }
        CheckPort(errors, "ServicePort", options.ServicePort);
        if (options.PodPort is { } podPort)
        {
            CheckPort(errors, "PodPort", podPort);
        }
        if (options.PushInterval < MetricsOptions.MinPushInterval || options.PushInterval > MetricsOptions.MaxPushInterval)
        {
            errors.Add($"{LegacyVariables.Describe(Prefix + "PushInterval")} must be between 1 s and 3600 s; got '{options.PushInterval.TotalSeconds:0.###}' s.");
        }
        if (options.PushTimeout <= TimeSpan.Zero || options.PushTimeout > options.PushInterval)
        {
            errors.Add($"{Prefix}PushTimeout must be positive and at most the push interval ({options.PushInterval.TotalSeconds:0.###} s); got '{options.PushTimeout.TotalSeconds:0.###}' s.");
        }
        for (var i = 0; i < options.ReplicaUrls.Count; i++)
        {
            var url = options.ReplicaUrls[i];
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            {
                errors.Add($"{Prefix}ReplicaUrls:{i} must be an absolute http(s) URL; got '{url}'.");
            }
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void CheckPort(List<string> errors, string key, int port)
    {
        if (port is < 1 or > 65535)
        {
            errors.Add($"{LegacyVariables.Describe(Prefix + key)} must be between 1 and 65535; got '{port}'.");
        }
    }
}
