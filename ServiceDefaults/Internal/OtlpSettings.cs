using System.Globalization;
using Microsoft.Extensions.Configuration;
using OpenTelemetry.Exporter;

namespace Monitoring.ServiceDefaults.Internal;

/// <summary>The OTLP settings of the standard OpenTelemetry variables, read through configuration and validated.</summary>
internal sealed record OtlpSettings(Uri Endpoint, bool HttpProtobuf, string? Headers, string ServiceName, int MetricExportIntervalMs)
{
    public const string EndpointKey = "OTEL_EXPORTER_OTLP_ENDPOINT";
    public const string ProtocolKey = "OTEL_EXPORTER_OTLP_PROTOCOL";
    public const string HeadersKey = "OTEL_EXPORTER_OTLP_HEADERS";
    public const string ServiceNameKey = "OTEL_SERVICE_NAME";
    public const string IntervalKey = "OTEL_METRIC_EXPORT_INTERVAL";

    /// <summary>Null when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is unset; throws naming the key and value when a setting is invalid.</summary>
    public static OtlpSettings? From(IConfiguration configuration, string applicationName)
    {
        var endpoint = configuration[EndpointKey];
        if (string.IsNullOrWhiteSpace(endpoint))
        {
            return null;
        }
        if (!Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new InvalidOperationException($"{EndpointKey} is '{endpoint}': it must be an absolute http or https URL.");
        }
        var protocol = configuration[ProtocolKey];
        var httpProtobuf = protocol switch
        {
            null or "" or "grpc" => false,
            "http/protobuf" => true,
            _ => throw new InvalidOperationException($"{ProtocolKey} is '{protocol}': use grpc or http/protobuf."),
        };
        var interval = configuration[IntervalKey];
        var intervalMs = 60_000;
        if (!string.IsNullOrWhiteSpace(interval)
            && (!int.TryParse(interval, NumberStyles.None, CultureInfo.InvariantCulture, out intervalMs) || intervalMs < 1))
        {
            throw new InvalidOperationException($"{IntervalKey} is '{interval}': it must be a positive number of milliseconds.");
        }
        var serviceName = configuration[ServiceNameKey] is { Length: > 0 } name ? name : applicationName;
        return new OtlpSettings(uri, httpProtobuf, configuration[HeadersKey], serviceName, intervalMs);
    }

    /// <summary>
    /// The URL of one signal: with http/protobuf the exporter posts to exactly the URL it is given, so the signal
    /// path (<c>v1/metrics</c>, <c>v1/traces</c>) is appended here as the specification says for the base endpoint.
    /// </summary>
    public Uri SignalEndpoint(string signalPath) =>
        HttpProtobuf ? new Uri(Endpoint.AbsoluteUri.TrimEnd('/') + "/" + signalPath) : Endpoint;

    /// <summary>Points <paramref name="exporter"/> at this endpoint for one signal (<c>v1/metrics</c>, <c>v1/traces</c>, <c>v1/logs</c>).</summary>
    public void Apply(OtlpExporterOptions exporter, string signalPath)
    {
        exporter.Protocol = HttpProtobuf ? OtlpExportProtocol.HttpProtobuf : OtlpExportProtocol.Grpc;
        exporter.Endpoint = SignalEndpoint(signalPath);
        if (!string.IsNullOrEmpty(Headers))
        {
            exporter.Headers = Headers;
        }
    }
}
