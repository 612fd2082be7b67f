using System.Globalization;
using Microsoft.Extensions.Options;

namespace Monitoring.Lib.Influx.Internal;

/// <summary>Checks <see cref="InfluxOptions"/> at start and on every change; each message names the key and the bad value.</summary>
internal sealed class InfluxOptionsValidator : IValidateOptions<InfluxOptions>
{
    private const string Prefix = MonitoringSections.Influx + ":";

    public ValidateOptionsResult Validate(string? name, InfluxOptions options)
    {
        var errors = Check(options);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    public static List<string> Check(InfluxOptions options)
    {
        var errors = new List<string>();
        if (!Uri.TryCreate(options.Url, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            errors.Add($"{Prefix}Url must be an absolute http(s) URL; got '{options.Url}'");
        }
        if (options.Version is not (1 or 2))
        {
            errors.Add($"{Prefix}Version must be 1 or 2; got '{options.Version.ToString(CultureInfo.InvariantCulture)}'");
        }
        else if (options.Version == 1 && string.IsNullOrEmpty(options.Database))
        {
            errors.Add($"{Prefix}Database is required when {Prefix}Version is 1; got '{options.Database}'");
        }
        else if (options.Version == 2 && string.IsNullOrEmpty(options.Bucket) && string.IsNullOrEmpty(options.Database))
        {
            errors.Add($"{Prefix}Bucket (or Database, for the 1.8 compatibility form) is required when {Prefix}Version is 2; got '{options.Bucket}'");
        }
        Positive(errors, "FlushInterval", options.FlushInterval);
        Positive(errors, "RequestTimeout", options.RequestTimeout);
        Positive(errors, "ShutdownTimeout", options.ShutdownTimeout);
        AtLeastOne(errors, "BatchSize", options.BatchSize);
        AtLeastOne(errors, "BufferCapacity", options.BufferCapacity);
        var retry = options.Retry;
        AtLeastOne(errors, "Retry:MaxAttempts", retry.MaxAttempts);
        Positive(errors, "Retry:InitialDelay", retry.InitialDelay);
        if (retry.MaxDelay < retry.InitialDelay)
        {
            errors.Add($"{Prefix}Retry:MaxDelay must be at least Retry:InitialDelay ({retry.InitialDelay}); got '{retry.MaxDelay}'");
        }
        if (!(retry.Jitter >= 0 && retry.Jitter <= 1))
        {
            errors.Add($"{Prefix}Retry:Jitter must be between 0 and 1; got '{retry.Jitter.ToString(CultureInfo.InvariantCulture)}'");
        }
        return errors;
    }

    private static void Positive(List<string> errors, string key, TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
        {
            errors.Add($"{Prefix}{key} must be greater than zero; got '{value}'");
        }
    }

    private static void AtLeastOne(List<string> errors, string key, int value)
    {
        if (value < 1)
        {
            errors.Add($"{Prefix}{key} must be at least 1; got '{value.ToString(CultureInfo.InvariantCulture)}'");
        }
    }
}
