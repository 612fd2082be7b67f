using Microsoft.Extensions.Logging;

namespace Monitoring.Lib.AspNetCore.Internal;

/// <summary>The middleware's log messages, generated so a disabled level costs nothing.</summary>
internal static partial class RequestMonitoringLog
{
    [LoggerMessage(1, LogLevel.Error, "Unhandled exception in {Method} {Path} (request id {RequestId})")]
    public static partial void Unhandled(ILogger logger, Exception exception, string method, string? path, string requestId);

    [LoggerMessage(2, LogLevel.Warning, "The response of request {RequestId} had already started; the connection is aborted instead of answering with problem details")]
    public static partial void ResponseStarted(ILogger logger, string requestId);
}
