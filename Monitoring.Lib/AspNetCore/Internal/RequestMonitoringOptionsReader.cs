using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Monitoring.Lib.Internal;

namespace Monitoring.Lib.AspNetCore.Internal;

/// <summary>
/// The request monitoring's settings read as every integration's are: defaults, section <c>Monitoring:Requests</c>,
/// the <c>Use…</c> delegate, then validation; each message names the key and the bad value.
/// </summary>
internal static class RequestMonitoringOptionsReader
{
    private const string Prefix = MonitoringSections.Requests + ":";

    public static RequestMonitoringOptions Read(IServiceProvider services, Action<RequestMonitoringOptions>? configure)
    {
        var options = new RequestMonitoringOptions();
        services.GetService<IConfiguration>()?.GetSection(MonitoringSections.Requests).Bind(options);
        configure?.Invoke(options);
        options.ServiceName ??= ServiceNames.ServiceName(services);
        if (string.IsNullOrWhiteSpace(options.ServiceName))
        {
            throw new ArgumentException(
                $"{Prefix}ServiceName is '{options.ServiceName}': set it, Monitoring:ServiceName, {LegacyVariables.Describe(ServiceNames.AppNameKey)} or the host's application name.");
        }
        if (string.IsNullOrWhiteSpace(options.RequestIdHeader) || options.RequestIdHeader.Any(c => c is <= ' ' or > '~' or ':'))
        {
            throw new ArgumentException($"{Prefix}RequestIdHeader is '{options.RequestIdHeader}': it must be a header name (visible ASCII, no ':').");
        }
        if (options.ExcludedPaths.FirstOrDefault(path => string.IsNullOrEmpty(path) || path[0] != '/') is { } badPath)
        {
            throw new ArgumentException($"{Prefix}ExcludedPaths holds '{badPath}': every path must start with '/'.");
        }
        if (options.MaxRequestIdLength is < 1 or > 1024)
        {
            throw new ArgumentException($"{Prefix}MaxRequestIdLength is {options.MaxRequestIdLength}: it must be between 1 and 1024.");
        }
        return options;
    }
}
