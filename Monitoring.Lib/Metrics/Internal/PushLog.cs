using Microsoft.Extensions.Logging;

namespace Monitoring.Lib.Metrics.Internal;

/// <summary>Source-generated log messages of the metrics push.</summary>
internal static partial class PushLog
{
    [LoggerMessage(1, LogLevel.Information, "Pushing metrics of app {App} as job {Job} every {IntervalSeconds} s to {Replicas}")]
    public static partial void Started(ILogger logger, string app, string job, double intervalSeconds, string replicas);

    [LoggerMessage(2, LogLevel.Warning, "Metrics push to replica {Replica} failed ({Failures} failure(s) since last report): {Error}")]
    public static partial void ReplicaFailing(ILogger logger, string replica, long failures, string error);

    [LoggerMessage(3, LogLevel.Information, "Metrics push to replica {Replica} works again after {Failures} failure(s)")]
    public static partial void ReplicaRecovered(ILogger logger, string replica, long failures);

    [LoggerMessage(4, LogLevel.Warning, "No metrics-cache replica found (service {ServiceName}, {UrlCount} configured URL(s)); nothing pushed")]
    public static partial void NoReplicas(ILogger logger, string? serviceName, int urlCount);

    [LoggerMessage(5, LogLevel.Warning, "Could not resolve metrics service {ServiceName}: {Error}")]
    public static partial void ResolveFailed(ILogger logger, string serviceName, string error);

    [LoggerMessage(6, LogLevel.Warning, "Deleting metrics group {Job} from replica {Replica} failed: {Error}")]
    public static partial void DeleteFailed(ILogger logger, string job, string replica, string error);

    [LoggerMessage(7, LogLevel.Warning, "{Count} invalid measurement(s) were dropped (negative counter increments or NaN); reported once")]
    public static partial void InvalidMeasurements(ILogger logger, long count);

    [LoggerMessage(8, LogLevel.Error, "Metrics push round failed unexpectedly")]
    public static partial void PushRoundFailed(ILogger logger, Exception exception);
}
