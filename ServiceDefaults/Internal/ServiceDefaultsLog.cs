using Microsoft.Extensions.Logging;

namespace MonitoringStack.ServiceDefaults.Internal;

/// <summary>The service defaults' log messages.</summary>
internal static partial class ServiceDefaultsLog
{
    [LoggerMessage(1, LogLevel.Information, "InfluxDB points are off: Monitoring:Influx:Url is not set, so requests, errors and other points are not recorded")]
    public static partial void InfluxOff(ILogger logger);

    [LoggerMessage(3, LogLevel.Warning, "Monitoring is off ({Key}=false): no metrics push, no InfluxDB points, no request monitoring, no Kafka statistics, no OpenTelemetry export")]
    public static partial void MonitoringOff(ILogger logger, string key);

    [LoggerMessage(4, LogLevel.Critical, "Background service {Service} failed, so the service exits with code {ExitCode}: {ExceptionType}: {Reason}")]
    public static partial void BackgroundWorkFailed(ILogger logger, string service, int exitCode, string exceptionType, string reason);
}
