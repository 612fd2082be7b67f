using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace MonitoringStack.ServiceDefaults.Internal;

/// <summary>
/// Checks the standard OpenTelemetry variables at start. The OpenTelemetry SDK reads them itself (through
/// configuration); this only turns a bad value into a message naming the key and the value, where the SDK would
/// otherwise fail later or silently export nothing.
/// </summary>
internal static class OtlpSettings
{
    public const string EndpointKey = "OTEL_EXPORTER_OTLP_ENDPOINT";
    public const string ProtocolKey = "OTEL_EXPORTER_OTLP_PROTOCOL";
    public const string ServiceNameKey = "OTEL_SERVICE_NAME";
    public const string IntervalKey = "OTEL_METRIC_EXPORT_INTERVAL";

    /// <summary>True when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set (export on); throws naming the key and value when a setting is invalid.</summary>
    /// <exception cref="InvalidOperationException">The endpoint, protocol or export interval is invalid.</exception>
    public static bool Validate(IConfiguration configuration)
    {
        var endpoint = configuration[EndpointKey];
        if (string.IsNullOrWhiteSpace(endpoint))
        {
            return false;
        }
        if (!Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new InvalidOperationException($"{EndpointKey} is '{endpoint}': it must be an absolute http or https URL.");
        }
        if (configuration[ProtocolKey] is { Length: > 0 } protocol && protocol is not ("grpc" or "http/protobuf"))
        {
            throw new InvalidOperationException($"{ProtocolKey} is '{protocol}': use grpc or http/protobuf.");
        }
        if (configuration[IntervalKey] is { Length: > 0 } interval
            && (!int.TryParse(interval, NumberStyles.None, CultureInfo.InvariantCulture, out var intervalMs) || intervalMs < 1))
        {
            throw new InvalidOperationException($"{IntervalKey} is '{interval}': it must be a positive number of milliseconds.");
        }
        return true;
    }
}
